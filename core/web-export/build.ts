import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { NoteExportLabels } from '../../common/schemas/export';
import { licenceCodes } from '../../common/licence';
import type { ExportRequest, WebLabels } from '../../common/schemas/package';
import type { CoreContext } from '../app/context';
import { getCollectionRow, itemRows } from '../collections/queries';
import { exportContents } from '../exports/contents';
import { localCodeNames } from '../exports/notes-export';
import { notesToVtt } from '../exports/vtt';
import { getLessonRow } from '../library/queries';
import { listNotes } from '../notes/queries';
import { selectContent, type MediaFile, type Selection } from '../packages/select';
import { pageStyle, playerScript } from './assets';
import { directionOf } from './direction';
import { lessonCredit } from '../sync/credit';
import { dataScript, indexHtml, type WebCollection, type WebCredit } from './page';
import { verifyHtml, verifyStyle, type VerifyPage } from './verify-page';

export interface BuildRun {
  signal: AbortSignal;
  progress(fraction: number): void;
  /** The verify page's script, bundled for browsers by the shell (CoreOptions.verifyPageScript). */
  verifyPageScript?: () => Promise<string>;
}

const videoKinds = new Set(['proxy', 'playable', 'original']);

function videoOf(files: MediaFile[]): MediaFile | undefined {
  return files.find((f) => videoKinds.has(f.kind));
}

/** No words of ours on the captions of a page: a cue shows its code and text, as on the timeline. */
const unlabelled: NoteExportLabels = {
  kinds: { observation: '', praise: '', question: '', suggestion: '' },
  reply: '',
  reflection: '',
  wentWell: '',
  wouldChange: '',
  feedbackWanted: '',
};

/** The lesson's notes as WebVTT cues: the notes a package of the same choice would carry, codes named in the page's language. */
function lessonVtt(ctx: CoreContext, lessonId: string, includePrivateNotes: boolean, language: string): string {
  const parts = { replies: false, reflection: false, privateNotes: includePrivateNotes };
  const contents = exportContents(listNotes(ctx.db, lessonId), null, parts, {
    codeNames: localCodeNames(ctx, lessonId, language),
    labels: unlabelled,
    language,
  });
  return notesToVtt(contents, getLessonRow(ctx.db, lessonId)?.durationMs ?? null);
}

/** The lesson's author, licence, community and consent, as every copy of it shows them (clips and items take their lesson's). */
function webCredit(ctx: CoreContext, lessonId: string, labels: WebLabels): WebCredit {
  const credit = lessonCredit(ctx.db, lessonId);
  return {
    authorName: credit.authorName,
    licence: credit.licence,
    licenceName: labels.licenceNames?.[credit.licence] ?? licenceCodes[credit.licence],
    communityName: credit.community?.name || null,
    consentName: credit.consent ? (labels.consentNames?.[credit.consent.visibility] ?? credit.consent.visibility) : null,
  };
}

function itemsOf(
  ctx: CoreContext,
  request: ExportRequest,
  selection: Selection,
): Array<{ id: string; lessonId: string; startMs: number | null; endMs: number | null; title: string; note: string }> {
  if (request.target.kind === 'lesson')
    return [{ id: request.target.id, lessonId: request.target.id, startMs: null, endMs: null, title: '', note: '' }];
  return itemRows(ctx.db, request.target.id).filter((i) => selection.readyItemIds.has(i.id));
}

/** The verify page's words and script when the request asks for the page, checked before anything is written. */
async function verifyPageOf(request: ExportRequest, run: BuildRun): Promise<{ labels: VerifyPage['labels']; script: string } | null> {
  if (!request.verifyPage) return null;
  const labels = request.labels?.verify;
  if (!labels) throw new StudioError('invalid_input', { path: 'labels.verify' });
  if (!run.verifyPageScript) throw new StudioError('internal', { reason: 'no verify page script in this shell' });
  return { labels, script: await run.verifyPageScript() };
}

/**
 * Writes a folder that plays in any browser straight from the disk: index.html, the videos, a
 * poster each, the notes as WebVTT captions and the curator's notes. It is built under a `.part`
 * name and renamed when complete, so a half-written export never looks finished. With `verifyPage`
 * it also holds `verify.html`, which checks Open Badges credentials offline, linked from the index.
 */
export async function buildWebExport(ctx: CoreContext, request: ExportRequest, target: string, run: BuildRun): Promise<void> {
  if (!request.labels) throw new StudioError('invalid_input', { path: 'labels' });
  const verify = await verifyPageOf(request, run);
  const selection = await selectContent(ctx, request.target, request.media);
  const collection = request.target.kind === 'collection' ? getCollectionRow(ctx.db, request.target.id) : undefined;
  const partial = `${target}.part`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(path.join(partial, 'media'), { recursive: true });
  await fs.mkdir(path.join(partial, 'captions'), { recursive: true });
  try {
    const copies = selection.lessonIds.flatMap((lessonId) => {
      const files = selection.media.get(lessonId) ?? [];
      const video = videoOf(files);
      const poster = files.find((f) => f.kind === 'poster');
      return [
        video && { from: video, to: `media/${lessonId}${path.extname(video.file) || '.mp4'}` },
        poster && { from: poster, to: `media/${lessonId}.jpg` },
      ].filter((c): c is { from: MediaFile; to: string } => Boolean(c));
    });
    const total = copies.reduce((sum, c) => sum + c.from.size, 0) || 1;
    let done = 0;
    for (const copy of copies) {
      if (run.signal.aborted) throw new StudioError('media_cancelled');
      // copyFile lets the OS copy (copy_file_range, clones where the disk can): as fast as cp.
      await fs.copyFile(copy.from.file, path.join(partial, copy.to));
      done += copy.from.size;
      run.progress(Math.min(0.98, done / total));
    }
    const language = (collection?.language ?? selection.language) || (request.labels.language ?? '');
    const vtts = new Map<string, string>();
    for (const lessonId of selection.lessonIds) {
      const vtt = lessonVtt(ctx, lessonId, request.includePrivateNotes, language);
      vtts.set(lessonId, vtt);
      await fs.writeFile(path.join(partial, 'captions', `${lessonId}.vtt`), vtt);
    }
    const page: WebCollection = {
      title: selection.title,
      language,
      dir: directionOf(language),
      descriptions: collection?.descriptions ?? [],
      labels: request.labels,
      verifyPage: verify !== null,
      items: itemsOf(ctx, request, selection).flatMap((i) => {
        const files = selection.media.get(i.lessonId) ?? [];
        const video = copies.find((c) => c.from === videoOf(files));
        if (!video) return [];
        return [
          {
            id: i.id,
            title: i.title,
            lessonTitle: getLessonRow(ctx.db, i.lessonId)?.title ?? '',
            note: i.note,
            video: video.to,
            poster: files.some((f) => f.kind === 'poster') ? `media/${i.lessonId}.jpg` : null,
            start: (i.startMs ?? 0) / 1000,
            end: i.endMs === null ? null : i.endMs / 1000,
            vtt: vtts.get(i.lessonId) ?? 'WEBVTT\n',
            credit: webCredit(ctx, i.lessonId, request.labels!),
          },
        ];
      }),
    };
    await fs.writeFile(path.join(partial, 'index.html'), indexHtml(page));
    await fs.writeFile(path.join(partial, 'data.js'), dataScript(page));
    await fs.writeFile(path.join(partial, 'player.js'), playerScript);
    await fs.writeFile(path.join(partial, 'style.css'), verify ? pageStyle + verifyStyle : pageStyle);
    if (verify) {
      await fs.writeFile(path.join(partial, 'verify.html'), verifyHtml({ language, dir: page.dir, labels: verify.labels }));
      await fs.writeFile(path.join(partial, 'verify.js'), verify.script);
    }
    await fs.rename(partial, target);
    run.progress(1);
  } catch (err) {
    await fs.rm(partial, { recursive: true, force: true });
    throw err;
  }
}
