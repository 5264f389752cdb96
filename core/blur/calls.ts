import { StudioError } from '../../common/errors';
import type { CallsOf } from '../app/calls';
import type { CoreContext } from '../app/context';
import { publicJob } from '../jobs/queries';
import { getLesson } from '../library/lessons';
import { lessonIsAudioOnly } from '../library/queries';
import { addFixedRegion, blurState, drawRegion, endRegion, removeRegion, undoEdit } from './blur';

export function blurCalls(ctx: CoreContext): CallsOf<'blur'> {
  const withVideo = (lessonId: string) => {
    getLesson(ctx, lessonId);
    if (lessonIsAudioOnly(ctx.db, lessonId)) throw new StudioError('blur_no_video', { lessonId });
  };
  return {
    'blur.get': async ({ lessonId }) => blurState(ctx, lessonId),
    'blur.detect': async ({ lessonId, mode }) => {
      withVideo(lessonId);
      return publicJob(ctx.jobs.enqueue('blur_detect', lessonId, { mode }));
    },
    'blur.remove': async ({ lessonId, regionId }) => removeRegion(ctx, lessonId, regionId),
    'blur.draw': async (args) => drawRegion(ctx, args),
    'blur.end': async (args) => endRegion(ctx, args),
    'blur.addFixed': async ({ lessonId, box }) => addFixedRegion(ctx, lessonId, box),
    'blur.undo': async ({ lessonId }) => undoEdit(ctx, lessonId),
    'blur.render': async ({ lessonId }) => {
      withVideo(lessonId);
      return publicJob(ctx.jobs.enqueue('blur_render', lessonId));
    },
  };
}
