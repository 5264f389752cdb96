import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { captionText, importCaptions, removeCaptions, tracksOf } from './captions';

export function captionsCalls(ctx: CoreContext): CallsOf<'captions'> {
  return {
    'captions.list': async ({ lessonId }) => tracksOf(ctx, lessonId),
    'captions.import': async (args) => importCaptions(ctx, args),
    'captions.text': async ({ id }) => ({ vtt: captionText(ctx, id) }),
    'captions.delete': async ({ id }) => {
      removeCaptions(ctx, id);
      return ok;
    },
  };
}
