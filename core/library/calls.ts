import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { videosIn } from './folder';
import { importFiles } from './import';
import { getLesson, patchLesson, removeLesson } from './lessons';
import { listLessons } from './queries';

/** The `lessons.*` calls: the library is the lessons domain. */
export function lessonsCalls(ctx: CoreContext): CallsOf<'lessons'> {
  return {
    'lessons.list': async (args) => listLessons(ctx.db, args),
    'lessons.get': async ({ id }) => getLesson(ctx, id),
    'lessons.import': async ({ sources }) => importFiles(ctx, sources),
    'lessons.listFolder': async ({ path }) => ({ files: await videosIn(path) }),
    'lessons.update': async ({ id, patch }) => patchLesson(ctx, id, patch),
    'lessons.delete': async ({ id }) => {
      await removeLesson(ctx, id);
      return ok;
    },
  };
}
