import type { WebLabels } from '../../common/schemas/package';

/** What the page shows and plays; written as `data.js` so it loads from file:// where fetch() cannot. */
export interface WebCollection {
  title: string;
  language: string;
  dir: 'ltr' | 'rtl';
  descriptions: Array<{ language: string; text: string }>;
  labels: WebLabels;
  items: Array<{
    id: string;
    title: string;
    lessonTitle: string;
    note: string;
    video: string;
    poster: string | null;
    /** Seconds; a whole lesson has start 0 and no end. */
    start: number;
    end: number | null;
    /** The lesson's notes as WebVTT, the same text as `captions/<lesson>.vtt`. */
    vtt: string;
  }>;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** First-strong isolation, so a Latin title inside an Arabic sentence (or the reverse) keeps its own order. */
const isolate = (text: string) => `\u2068${text}\u2069`;

export function itemHeading(item: WebCollection['items'][number], labels: WebLabels): string {
  if (item.end === null) return item.lessonTitle;
  const clipOf = labels.clipOf
    .replace('{lesson}', isolate(item.lessonTitle))
    .replace('{start}', isolate(clock(item.start)))
    .replace('{end}', isolate(clock(item.end)));
  return item.title ? `${isolate(item.title)} · ${clipOf}` : clipOf;
}

/**
 * The index page. It lists every item with its curator's note as plain HTML, so the page still says
 * what is in the collection (and links each video at its moment) where scripts are off; the player
 * script adds playing in sequence and the notes as captions.
 */
export function indexHtml(c: WebCollection): string {
  const { labels } = c;
  const items = c.items
    .map((item, i) => {
      const fragment = item.end === null ? '' : `#t=${item.start},${item.end}`;
      return `      <li class="item" data-index="${i}">
        ${item.poster ? `<img class="poster" src="${escapeHtml(item.poster)}" alt="" width="160" height="90">` : ''}
        <div class="item-body">
          <h3><a class="item-link" href="${escapeHtml(item.video + fragment)}" data-index="${i}">${escapeHtml(itemHeading(item, labels))}</a></h3>
          ${item.note ? `<p class="note" dir="auto">${escapeHtml(item.note)}</p>` : ''}
        </div>
      </li>`;
    })
    .join('\n');
  const descriptions = c.descriptions
    .map((d) => `    <p class="description" lang="${escapeHtml(d.language)}" dir="auto">${escapeHtml(d.text)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(c.language || 'und')}" dir="${c.dir}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(c.title)}</title>
  <link rel="stylesheet" href="style.css">
</head>
<body>
  <header>
    <h1>${escapeHtml(c.title)}</h1>
${descriptions}
    <p class="licence">${escapeHtml(labels.licence)}</p>
  </header>
  <main>
    <section class="stage" aria-label="${escapeHtml(labels.player)}">
      <div class="screen" dir="ltr"></div>
      <p class="now-playing" aria-live="polite"></p>
      <div class="curator" aria-live="polite" hidden>
        <h2>${escapeHtml(labels.curatorNote)}</h2>
        <p class="curator-text" dir="auto"></p>
      </div>
      <div class="controls">
        <button type="button" class="previous">${escapeHtml(labels.previous)}</button>
        <button type="button" class="play-all">${escapeHtml(labels.playAll)}</button>
        <button type="button" class="next">${escapeHtml(labels.next)}</button>
      </div>
      <noscript><p>${escapeHtml(labels.noScript)}</p></noscript>
    </section>
    <section class="list">
      <h2>${escapeHtml(labels.items)}</h2>
      <ol class="items">
${items}
      </ol>
    </section>
  </main>
  <script src="data.js"></script>
  <script src="player.js"></script>
</body>
</html>
`;
}

/** `data.js`: the collection as a script, since pages opened from the disk may not fetch JSON. */
export function dataScript(c: WebCollection): string {
  // Escaped so no text can close a script or break a line terminator rule in older engines.
  const json = JSON.stringify(c)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `window.PRACTICE_CIRCLE = ${json};\n`;
}
