import type { z } from 'zod';
import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import { can } from '../../common/permissions';
import { parseRubricJson, toRubricDocument } from '../../common/review/rubric-json';
import type { RubricContent } from '../../common/review/rubric';
import type { exportFileSchema } from '../../common/schemas/export';
import type { Rubric } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { Db } from '../db/open';
import { myRoleIn, requireCommunityPermission } from '../sync/rules';
import { communityName } from '../review/people';
import { liveRecord, liveRecords, type Live, type ReviewEntityFields } from '../review/records';
import { writeRecord } from '../review/write';
import { BUILT_IN_RUBRIC_ID, builtInRubric } from './builtin';

function toRubric(db: Db, r: Live<ReviewEntityFields['rubric']>): Rubric {
  const role = myRoleIn(db, r.communityId);
  return {
    id: r.id,
    communityId: r.communityId,
    communityName: communityName(db, r.communityId),
    builtIn: false,
    code: r.fields.code,
    title: r.fields.title,
    description: r.fields.description,
    scale: r.fields.scale,
    revision: r.fields.revision,
    editable: role !== null && can(role, 'rubric.edit'),
  };
}

/** The built-in rubric first, then the rubrics of the person's communities. */
export function listRubrics(db: Db, communityId?: string): Rubric[] {
  const rubrics = liveRecords(db, 'rubric', communityId ? { communityId } : {})
    .map((r) => toRubric(db, r))
    .sort((a, b) => (a.communityName ?? '').localeCompare(b.communityName ?? '') || a.code.localeCompare(b.code));
  return [builtInRubric, ...rubrics];
}

export function getRubric(db: Db, id: string): Rubric {
  if (id === BUILT_IN_RUBRIC_ID) return builtInRubric;
  const record = liveRecord(db, 'rubric', id);
  if (!record) throw new StudioError('not_found', { entity: 'rubric', id });
  return toRubric(db, record);
}

function save(ctx: CoreContext, communityId: string, id: string | undefined, content: RubricContent): Rubric {
  requireCommunityPermission(ctx.db, communityId, 'rubric.edit', false);
  const existing = id ? liveRecord(ctx.db, 'rubric', id) : null;
  if (id && (!existing || existing.communityId !== communityId)) throw new StudioError('not_found', { entity: 'rubric', id });
  const rubricId = existing?.id ?? newId();
  const fields = { ...content, revision: (existing?.fields.revision ?? 0) + 1 };
  ctx.db.transaction(() => {
    writeRecord(ctx, { entity: 'rubric', id: rubricId, communityId, lessonId: null, ownerId: existing?.ownerId }, fields);
  })();
  ctx.bus.emit('reviews.changed', {});
  return getRubric(ctx.db, rubricId);
}

export function saveRubric(ctx: CoreContext, args: CallArgs<'rubrics.save'>): Rubric {
  const { communityId, id, ...content } = args;
  return save(ctx, communityId, id, content);
}

/** A rubric file becomes a new rubric of the community; a broken file is refused with its first error's path. */
export function importRubric(ctx: CoreContext, { communityId, json }: CallArgs<'rubrics.import'>): Rubric {
  return save(ctx, communityId, undefined, parseRubricJson(json));
}

/**
 * The community's copy of a rubric, if it has one: a copy keeps its source's code, so a second
 * adoption would give two identical rubrics that nobody can tell apart.
 */
function alreadyAdopted(db: Db, communityId: string, sourceId: string, code: string): string | null {
  const copy = liveRecords(db, 'rubric', { communityId }).find((r) => r.id === sourceId || r.fields.code === code);
  return copy?.id ?? null;
}

/** Copies a rubric (the built-in one, or another community's) into a community, where its leads can adapt it. */
export function adoptRubric(ctx: CoreContext, { id, communityId }: CallArgs<'rubrics.adopt'>): Rubric {
  const { code, title, description, scale } = getRubric(ctx.db, id);
  const adopted = alreadyAdopted(ctx.db, communityId, id, code);
  if (adopted) throw new StudioError('rubric_already_adopted', { id: adopted });
  return save(ctx, communityId, undefined, { code, title, description, scale });
}

export function deleteRubric(ctx: CoreContext, id: string): void {
  const record = liveRecord(ctx.db, 'rubric', id);
  if (!record) throw new StudioError('not_found', { entity: 'rubric', id });
  requireCommunityPermission(ctx.db, record.communityId, 'rubric.edit', false);
  const inUse = ['reviewRequest', 'calibration'].some(
    (entity) => liveRecords(ctx.db, entity as 'reviewRequest', { field: ['rubricId', id] }).length > 0,
  );
  if (inUse) throw new StudioError('rubric_in_use');
  ctx.db.transaction(() =>
    writeRecord(ctx, { entity: 'rubric', id, communityId: record.communityId, lessonId: null, ownerId: record.ownerId }, null),
  )();
  ctx.bus.emit('reviews.changed', {});
}

export function exportRubric(db: Db, id: string): z.infer<typeof exportFileSchema> {
  const rubric = getRubric(db, id);
  return {
    fileName: `${rubric.code}.rubric.json`,
    mime: 'application/json',
    text: `${JSON.stringify(toRubricDocument(rubric), null, 2)}\n`,
  };
}
