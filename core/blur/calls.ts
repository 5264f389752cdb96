import { StudioError } from '../../common/errors';
import type { CallsOf } from '../app/calls';
import type { CoreContext } from '../app/context';
import { publicJob } from '../jobs/queries';
import { getLesson } from '../library/lessons';
import { lessonIsAudioOnly } from '../library/queries';
import { getShare } from '../sync/shares';
import { addFixedRegion, blurState, drawRegion, endRegion, removeRegion, undoEdit } from './blur';

export function blurCalls(ctx: CoreContext): CallsOf<'blur'> {
  // A lesson shared with this device by someone else is read-only here: its teacher decided its blur.
  const mine = (lessonId: string) => {
    if (getShare(ctx.db, lessonId)?.origin === 'hub') throw new StudioError('forbidden', { operation: 'blur.share' });
  };
  const withVideo = (lessonId: string) => {
    getLesson(ctx, lessonId);
    mine(lessonId);
    if (lessonIsAudioOnly(ctx.db, lessonId)) throw new StudioError('blur_no_video', { lessonId });
  };
  return {
    'blur.get': async ({ lessonId }) => blurState(ctx, lessonId),
    'blur.detect': async ({ lessonId, mode }) => {
      withVideo(lessonId);
      return publicJob(ctx.jobs.enqueue('blur_detect', lessonId, { mode }));
    },
    'blur.remove': async ({ lessonId, regionId }) => (mine(lessonId), removeRegion(ctx, lessonId, regionId)),
    'blur.draw': async ({ follow, ...args }) => {
      mine(args.lessonId);
      const { state, regionId } = drawRegion(ctx, args);
      if (follow !== false) ctx.jobs.enqueue('blur_follow', args.lessonId, { regionId });
      return state;
    },
    'blur.end': async (args) => (mine(args.lessonId), endRegion(ctx, args)),
    'blur.addFixed': async ({ lessonId, box }) => (mine(lessonId), addFixedRegion(ctx, lessonId, box)),
    'blur.undo': async ({ lessonId }) => (mine(lessonId), undoEdit(ctx, lessonId)),
    'blur.render': async ({ lessonId }) => {
      withVideo(lessonId);
      return publicJob(ctx.jobs.enqueue('blur_render', lessonId));
    },
  };
}
