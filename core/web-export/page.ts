import { isolate } from '../../common/bidi';
import { licenceUrl, type Licence } from '../../common/licence';
import type { WebLabels } from '../../common/schemas/package';

/** Who made an item's lesson and what she allows: shown with every lesson and clip, as every copy must. */
export interface WebCredit {
  authorName: string;
  licence: Licence;
  /** The licence's name in the page's language. */
  licenceName: string;
  communityName: string | null;
  /** What the learners' consent given at sharing covers, in the page's language; null when none was recorded. */
  consentName: string | null;
}

/** What the page shows and plays; written as `data.js` so it loads from file:// where fetch() cannot. */
export interface WebCollection {
  title: string;
  language: string;
  dir: 'ltr' | 'rtl';
  descriptions: Array<{ language: string; text: string }>;
  labels: WebLabels;
  /** Whether the folder holds `verify.html`, which the index links to. */
  verifyPage: boolean;
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
    credit: WebCredit;
  }>;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The item's heading as plain text, the person's words in Unicode isolates (for a video's accessible name). */
export function itemHeading(item: WebCollection['items'][number], labels: WebLabels): string {
  if (item.end === null) return item.lessonTitle;
  const clipOf = labels.clipOf
    .replace('{lesson}', isolate(item.lessonTitle))
    .replace('{start}', isolate(clock(item.start)))
    .replace('{end}', isolate(clock(item.end)));
  return item.title ? `${isolate(item.title)} · ${clipOf}` : clipOf;
}

/**
 * Our words with a person's words put in: each `{name}` becomes the value escaped inside `<bdi>`, so
 * an Arabic title in an English sentence (or the reverse), with its digits and fractions, keeps its
 * own order and does not reorder ours.
 */
export function fillHtml(template: string, values: Record<string, string>): string {
  return template
    .split(/(\{[a-z]+\})/i)
    .map((part) => {
      const name = /^\{([a-z]+)\}$/i.exec(part)?.[1];
      return name !== undefined && name in values ? `<bdi>${escapeHtml(values[name]!)}</bdi>` : escapeHtml(part);
    })
    .join('');
}

function headingHtml(item: WebCollection['items'][number], labels: WebLabels): string {
  if (item.end === null) return `<bdi>${escapeHtml(item.lessonTitle)}</bdi>`;
  const clipOf = fillHtml(labels.clipOf, { lesson: item.lessonTitle, start: clock(item.start), end: clock(item.end) });
  return item.title ? `<bdi>${escapeHtml(item.title)}</bdi> · ${clipOf}` : clipOf;
}

/** "By Amina · CC BY-NC 4.0 · Maths across borders · Consent: voices only": author, licence (linked to its deed), community, consent. */
export function creditHtml(credit: WebCredit, labels: WebLabels): string {
  const url = licenceUrl(credit.licence);
  const name = `<span class="licence-name" data-licence="${escapeHtml(credit.licence)}">${escapeHtml(credit.licenceName)}</span>`;
  const licence = fillHtml(labels.lessonLicence, { licence: '\u0000' }).replace(
    `<bdi>\u0000</bdi>`,
    url ? `<a href="${escapeHtml(url)}" rel="license">${name}</a>` : name,
  );
  const parts = [
    credit.authorName ? `<span class="author">${fillHtml(labels.author, { author: credit.authorName })}</span>` : '',
    `<span class="lesson-licence">${licence}</span>`,
    credit.communityName ? `<span class="community">${fillHtml(labels.community, { community: credit.communityName })}</span>` : '',
    credit.consentName ? `<span class="consent">${fillHtml(labels.consent, { consent: credit.consentName })}</span>` : '',
  ].filter(Boolean);
  return `<p class="credit">${parts.join(' · ')}</p>`;
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
          <h3><a class="item-link" href="${escapeHtml(item.video + fragment)}" data-index="${i}">${headingHtml(item, labels)}</a></h3>
          ${creditHtml(item.credit, labels)}
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
  <title>${escapeHtml(isolate(c.title))}</title>
  <link rel="stylesheet" href="style.css">
</head>
<body>
  <header>
    <h1 dir="auto">${escapeHtml(c.title)}</h1>
${descriptions}
    ${labels.licence ? `<p class="licence">${escapeHtml(labels.licence)}</p>` : ''}
    ${c.verifyPage && labels.verify ? `<p class="verify-link"><a href="verify.html">${escapeHtml(labels.verify.title)}</a></p>` : ''}
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
