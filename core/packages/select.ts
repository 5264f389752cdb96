import { isolateIfRtl } from '../../common/bidi';
import fs from 'node:fs/promises';
import path from 'node:path';
import pMap from 'p-map';
import { StudioError } from '../../common/errors';
import type { Asset } from '../../common/schemas/lesson';
import type { MediaChoice, PackageTarget } from '../../common/schemas/package';
import type { CoreContext } from '../app/context';
import { getCollectionRow, itemRows } from '../collections/queries';
import { visibleItems } from '../collections/view';
import type { CheckedSums } from '../library/checksums';
import { getLessonRow } from '../library/queries';
import { getRecord, isLive } from '../sync/records';

export interface MediaFile {
  assetId: string;
  kind: Asset['kind'];
  file: string;
  mime: string;
  size: number;
  /** What the library remembers (see library/checksums.ts); computed while the file is written when it does not hold. */
  checked: CheckedSums;
}

export interface Selection {
  title: string;
  language: string;
  communityId: string | null;
  collectionId: string | null;
  lessonIds: string[];
  /** Items that travel: those whose lesson is here to play. */
  readyItemIds: ReadonlySet<string>;
  /** Items left out: withdrawn, or their video has not come down to this device yet. */
  skippedItems: number;
  media: Map<string, MediaFile[]>;
}

/** The small files that make a lesson nicer to scrub; they travel with any video choice. */
const extras: Asset['kind'][] = ['poster', 'sprite', 'sprite_index', 'peaks'];

/**
 * The video a package or web export carries. The sharing copy (proxy) by default: small, and plays
 * in every browser. The original when asked, with its browser-playable copy when it has one.
 */
export function chooseVideo(kinds: ReadonlySet<Asset['kind']>, choice: MediaChoice): Asset['kind'][] {
  if (choice === 'original') {
    const original: Asset['kind'][] = kinds.has('original') ? ['original'] : kinds.has('playable') ? [] : ['proxy'];
    return [...original, ...(kinds.has('playable') ? (['playable'] as const) : [])];
  }
  const best = (['proxy', 'playable', 'original'] as const).find((k) => kinds.has(k));
  return best ? [best] : [];
}

async function lessonMedia(ctx: CoreContext, lessonId: string, choice: MediaChoice): Promise<MediaFile[]> {
  const rows = ctx.db
    .prepare('SELECT id, kind, rel_path, mime, sha256, crc32, checked_size, checked_mtime_ms FROM media_assets WHERE lesson_id = ?')
    .all(lessonId) as Array<{
    id: string;
    kind: Asset['kind'];
    rel_path: string;
    mime: string;
    sha256: string | null;
    crc32: number | null;
    checked_size: number | null;
    checked_mtime_ms: number | null;
  }>;
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  // A lesson shared with its faces blurred travels blurred everywhere: its blurred copy stands in for
  // the proxy (receivers play it as one), and neither the original nor the sprite's pictures of it go.
  const shared = getRecord(ctx.db, 'lesson', lessonId);
  const blurred = isLive(shared) && (shared.fields as { mediaKind?: string }).mediaKind === 'blurred' ? byKind.get('blurred') : undefined;
  if (blurred) {
    byKind.set('proxy', blurred);
    for (const k of ['original', 'playable', 'sprite', 'sprite_index', 'poster'] as const) byKind.delete(k);
  }
  const wanted = [
    ...(blurred ? (['proxy'] as const) : chooseVideo(new Set(byKind.keys()), choice)),
    ...extras.filter((k) => byKind.has(k)),
  ];
  const found = await Promise.all(
    wanted.map(async (kind): Promise<MediaFile | null> => {
      const row = byKind.get(kind)!;
      const file = path.join(ctx.paths.media, row.rel_path);
      const stat = await fs.stat(file).catch(() => null);
      // A file a crash or a cleanup left missing is skipped rather than failing the whole export.
      if (!stat?.isFile()) return null;
      return {
        assetId: row.id,
        kind,
        file,
        mime: row.mime,
        size: stat.size,
        checked: { sha256: row.sha256, crc32: row.crc32, size: row.checked_size, mtimeMs: row.checked_mtime_ms },
      };
    }),
  );
  return found.filter((f): f is MediaFile => f !== null);
}

/**
 * What an export holds: one lesson, or a collection's items that can play here and their lessons.
 * Items whose lesson was withdrawn never travel.
 */
export async function selectContent(ctx: CoreContext, target: PackageTarget, choice: MediaChoice): Promise<Selection> {
  let selection: Omit<Selection, 'media'>;
  if (target.kind === 'collection') {
    const c = getCollectionRow(ctx.db, target.id);
    if (!c) throw new StudioError('not_found', { entity: 'collection', id: target.id });
    const items = visibleItems(ctx, c);
    const ready = new Set(items.filter((i) => i.state === 'ready').map((i) => i.id));
    const lessonIds = [
      ...new Set(
        itemRows(ctx.db, c.id)
          .filter((i) => ready.has(i.id))
          .map((i) => i.lessonId),
      ),
    ];
    const skippedItems = items.length - ready.size;
    selection = {
      title: c.title,
      language: c.language,
      communityId: c.communityId,
      collectionId: c.id,
      lessonIds,
      readyItemIds: ready,
      skippedItems,
    };
  } else {
    const lesson = getLessonRow(ctx.db, target.id);
    if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: target.id });
    selection = {
      title: lesson.title,
      language: lesson.language,
      communityId: lesson.shared?.communityId ?? null,
      collectionId: null,
      lessonIds: [lesson.id],
      readyItemIds: new Set(),
      skippedItems: 0,
    };
  }
  // The lessons' files are looked at side by side: a collection may hold hundreds.
  const found = await pMap(selection.lessonIds, (id) => lessonMedia(ctx, id, choice), { concurrency: 16 });
  const media = new Map(selection.lessonIds.map((id, i) => [id, found[i]!]));
  return { ...selection, media };
}

/** A name for an exported file or folder that is safe on every file system, USB sticks (FAT32) included. */
export function safeFileName(title: string, fallback: string): string {
  const base = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80);
  // An Arabic or Urdu title in isolates, so the " (2)" and extension after it keep their place.
  return base ? isolateIfRtl(base) : fallback;
}
