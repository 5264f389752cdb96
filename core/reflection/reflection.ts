import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { Reflection } from '../../common/schemas/reflection';
import type { CoreContext } from '../app/context';
import { getLessonRow } from '../library/queries';
import { getReflection, upsertReflection } from './queries';

function requireLesson(ctx: CoreContext, lessonId: string): void {
  if (!getLessonRow(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
}

export function reflectionOf(ctx: CoreContext, lessonId: string): Reflection {
  requireLesson(ctx, lessonId);
  return getReflection(ctx.db, lessonId) ?? { lessonId, wentWell: '', wouldChange: '', feedbackWanted: '', shared: false, updatedAt: null };
}

export function saveReflection(ctx: CoreContext, args: CallArgs<'reflection.save'>): Reflection {
  requireLesson(ctx, args.lessonId);
  const reflection = { ...args, updatedAt: ctx.now() };
  upsertReflection(ctx.db, reflection);
  return reflection;
}
