import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { publicJob } from '../jobs/queries';
import { addClip, clipsOf, exportClipJob, removeClip, renameExistingClip } from './clips';

export function clipsCalls(ctx: CoreContext): CallsOf<'clips'> {
  return {
    'clips.list': async ({ lessonId }) => clipsOf(ctx, lessonId),
    'clips.add': async (args) => addClip(ctx, args),
    'clips.rename': async (args) => renameExistingClip(ctx, args),
    'clips.delete': async ({ id }) => {
      await removeClip(ctx, id);
      return ok;
    },
    'clips.export': async ({ id }) => publicJob(exportClipJob(ctx, id)),
  };
}
