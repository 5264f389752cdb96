import path from 'node:path';
import type { LessonFields } from '../../common/sync/entities';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { FileSums } from '../library/checksums';
import { upsertAsset } from '../library/queries';
import { getRecord } from '../sync/records';
import type { StoredTransfer } from './queries';
import { writeSpriteIndex } from './sprite-index';

/**
 * A downloaded file joins its lesson as an asset of the kind the shared record names; a sprite also gets
 * its index again, made from the picture, as the index itself does not travel.
 */
export async function addDownloadedAsset(
  ctx: Omit<CoreContext, 'jobs'>,
  t: StoredTransfer,
  target: string,
  mime: string,
  sums: FileSums,
): Promise<void> {
  const db = ctx.db;
  const record = getRecord(db, 'lesson', t.lessonId);
  const fields = record?.fields as Partial<LessonFields> | undefined;
  // A blurred copy is the receiver's proxy: the faces under it never reach them.
  const kind = t.role === 'media' ? (fields?.mediaKind === 'proxy' || fields?.mediaKind === 'blurred' ? 'proxy' : 'original') : t.role;
  upsertAsset(db, { id: newId(), lessonId: t.lessonId, kind, relPath: t.relPath, mime, sizeBytes: sums.size, now: ctx.now(), sums });
  if (t.role === 'sprite') {
    const index = path.join(path.dirname(target), 'sprite.json');
    try {
      await writeSpriteIndex(ctx.requireTools(), target, index, fields?.durationMs ?? 0);
      upsertAsset(db, {
        id: newId(),
        lessonId: t.lessonId,
        kind: 'sprite_index',
        relPath: path.join(t.lessonId, 'sprite.json'),
        mime: 'application/json',
        sizeBytes: 0,
        now: ctx.now(),
      });
    } catch (err) {
      ctx.logger.warn('sprite index not rebuilt', { lessonId: t.lessonId, error: String(err) });
    }
  }
}
