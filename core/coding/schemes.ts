import type { CallArgs, CallOutput } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { CodingScheme } from '../../common/schemas/coding';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { builtInSchemes, starterScheme } from './builtin';
import { deleteScheme, lessonSchemeId, listUserSchemes, setLessonScheme, userSchemeExists, writeScheme } from './queries';

function requireLesson(ctx: CoreContext, lessonId: string): void {
  if (!getLessonRow(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
}

function allSchemes(ctx: CoreContext): CodingScheme[] {
  return [...builtInSchemes, ...listUserSchemes(ctx.db)];
}

export function codingFor(ctx: CoreContext, lessonId: string): CallOutput<'coding.list'> {
  requireLesson(ctx, lessonId);
  const schemes = allSchemes(ctx);
  const chosen = lessonSchemeId(ctx.db, lessonId);
  return { schemes, activeSchemeId: schemes.some((s) => s.id === chosen) ? chosen! : starterScheme.id };
}

export function chooseScheme(ctx: CoreContext, { lessonId, schemeId }: CallArgs<'coding.choose'>): void {
  requireLesson(ctx, lessonId);
  if (!allSchemes(ctx).some((s) => s.id === schemeId)) throw new StudioError('not_found', { entity: 'scheme', id: schemeId });
  setLessonScheme(ctx.db, lessonId, schemeId);
}

export function saveScheme(ctx: CoreContext, args: CallArgs<'coding.save'>): CodingScheme {
  if (args.id && builtInSchemes.some((s) => s.id === args.id)) throw new StudioError('forbidden', { entity: 'scheme', id: args.id });
  if (args.id && !userSchemeExists(ctx.db, args.id)) throw new StudioError('not_found', { entity: 'scheme', id: args.id });
  const id = args.id ?? newId();
  ctx.db.transaction(() =>
    writeScheme(ctx.db, { id, name: args.name, codes: args.codes.map((c) => ({ ...c, id: c.id ?? newId() })) }, ctx.now()),
  )();
  return listUserSchemes(ctx.db).find((s) => s.id === id)!;
}

export function removeScheme(ctx: CoreContext, id: string): void {
  if (builtInSchemes.some((s) => s.id === id)) throw new StudioError('forbidden', { entity: 'scheme', id });
  if (!ctx.db.transaction(() => deleteScheme(ctx.db, id))()) throw new StudioError('not_found', { entity: 'scheme', id });
}
