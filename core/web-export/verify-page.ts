import type { VerifyLabels } from '../../common/schemas/package';
import { escapeHtml } from './page';

/** What `verify.html` needs from the export: its language and direction, and its words in that language. */
export interface VerifyPage {
  language: string;
  dir: 'ltr' | 'rtl';
  labels: VerifyLabels;
}

/** The page's words as JSON inside the page: a file opened from the disk may not fetch, and JSON is never run. */
function labelsJson(labels: VerifyLabels): string {
  return JSON.stringify(labels).replace(/</g, '\\u003c');
}

/**
 * `verify.html`: checks an Open Badges 3.0 credential (its JSON, a baked badge or a picture of its
 * QR code) with no network, through `verify.js` (renderer/verify-page/, bundled by the shell). Its
 * policy lets it load its own script and style and nothing else: no request leaves the page, and no
 * inline script runs (`file:` beside `'self'`, since browsers disagree on whether a file's origin is
 * its own). The file input is a real labelled control, so the page works by keyboard as well as by dropping.
 */
export function verifyHtml(page: VerifyPage): string {
  const { labels } = page;
  return `<!doctype html>
<html lang="${escapeHtml(page.language || 'und')}" dir="${page.dir}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' file:; style-src 'self' file:">
  <title>${escapeHtml(labels.title)}</title>
  <link rel="stylesheet" href="style.css">
</head>
<body class="verify-page">
  <header>
    <p><a href="index.html">${escapeHtml(labels.back)}</a></p>
    <h1>${escapeHtml(labels.title)}</h1>
    <p class="verify-intro">${escapeHtml(labels.intro)}</p>
  </header>
  <main class="verify">
    <div class="drop-zone">
      <label for="credential-file">${escapeHtml(labels.pick)}</label>
      <input id="credential-file" type="file" accept=".json,.jsonld,application/json,application/ld+json,image/*">
      <p class="drop-hint">${escapeHtml(labels.drop)}</p>
    </div>
    <p class="verify-checking" aria-live="polite" hidden>${escapeHtml(labels.checking)}</p>
    <div class="verify-result" role="status" hidden></div>
    <p class="verify-error" role="alert" hidden></p>
    <noscript><p>${escapeHtml(labels.noScript)}</p></noscript>
  </main>
  <script type="application/json" id="verify-labels">${labelsJson(labels)}</script>
  <script src="verify.js"></script>
</body>
</html>
`;
}

/** Added to the export's style.css when the page is included; logical properties, so Arabic lays out as it reads. */
export const verifyStyle = `.verify-page { max-inline-size: 48rem; }
main.verify { display: block; }
.verify-intro { opacity: 0.85; }
.drop-zone { display: grid; gap: 0.5rem; justify-items: start; padding: 1.25rem; border: 2px dashed rgba(127, 127, 127, 0.6); border-radius: 0.75rem; }
.drop-zone.over { border-color: #1d5fa8; background: rgba(29, 95, 168, 0.08); }
.drop-zone label { font-weight: 600; }
.drop-hint { margin: 0; font-size: 0.9rem; opacity: 0.8; }
.verify-result, .verify-error { margin-block: 1rem; padding: 1rem; border-radius: 0.5rem; border-inline-start: 0.35rem solid; }
.verify-result.good { border-color: #1f7a3a; background: rgba(31, 122, 58, 0.08); }
.verify-result.bad, .verify-error { border-color: #b3261e; background: rgba(179, 38, 30, 0.08); }
.verify-verdict { font-weight: 700; margin-block: 0 0.5rem; }
.verify-result dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.4rem 1rem; margin: 0; }
.verify-result dt { font-weight: 600; }
.verify-result dd { margin: 0; overflow-wrap: anywhere; }
.verify-result .did { font-size: 0.8rem; opacity: 0.8; }
.verify-link { margin-block: 0.25rem 1rem; }
`;
