import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { chooseScheme, codingFor, removeScheme, saveScheme } from './schemes';

export function codingCalls(ctx: CoreContext): CallsOf<'coding'> {
  return {
    'coding.list': async ({ lessonId }) => codingFor(ctx, lessonId),
    'coding.choose': async (args) => {
      chooseScheme(ctx, args);
      return ok;
    },
    'coding.save': async (args) => saveScheme(ctx, args),
    'coding.delete': async ({ id }) => {
      removeScheme(ctx, id);
      return ok;
    },
  };
}
