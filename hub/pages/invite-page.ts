import { createHash } from 'node:crypto';
import type { InviteLanguage, InviteTexts } from './invite-texts';
import { inviteTexts } from './invite-texts';

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1d2430; }
h1 { font-size: 1.5rem; }
.open { display: inline-block; padding: 0.6rem 1rem; border-radius: 8px; background: #0f766e; color: #fff; text-decoration: none; font-weight: 600; }
.muted { color: #5b6576; font-size: 0.9rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; }
dd { margin: 0; }
code { font-size: 1.1rem; background: #f0f2f5; padding: 0.1rem 0.4rem; border-radius: 4px; }
`;

/**
 * No scripts, no outside resources, no forms: the page only shows text and one link. The style is
 * allowed by its hash, so an injected style or script would not run either.
 */
export const INVITE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The studio's own link: the desktop app registers `practicecircle:` and opens its join screen on it. */
export function studioJoinLink(hubUrl: string, code: string): string {
  return `practicecircle://join?${new URLSearchParams({ hub: hubUrl, code }).toString()}`;
}

function page(language: InviteLanguage, texts: InviteTexts, body: string): string {
  return `<!doctype html>
<html lang="${language}" dir="${texts.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(texts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The page an invite link opens in a browser: what Practice Circle is, the studio link, and the code. */
export function invitePage(language: InviteLanguage, hubUrl: string, code: string): string {
  const t = inviteTexts[language];
  // Addresses and codes read left to right in every language.
  return page(
    language,
    t,
    `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.what)}</p>
<p><a class="open" href="${escapeHtml(studioJoinLink(hubUrl, code))}">${escapeHtml(t.open)}</a></p>
<p class="muted">${escapeHtml(t.openHelp)}</p>
<h2>${escapeHtml(t.codeTitle)}</h2>
<p>${escapeHtml(t.codeSteps)}</p>
<dl>
<dt>${escapeHtml(t.code)}</dt><dd><code dir="ltr">${escapeHtml(code)}</code></dd>
<dt>${escapeHtml(t.hub)}</dt><dd><code dir="ltr">${escapeHtml(hubUrl)}</code></dd>
</dl>`,
  );
}

/** A link whose code cannot be one: nothing from it is shown back. */
export function invalidInvitePage(language: InviteLanguage): string {
  const t = inviteTexts[language];
  return page(language, t, `<h1>${escapeHtml(t.invalidTitle)}</h1>\n<p>${escapeHtml(t.invalidBody)}</p>`);
}
