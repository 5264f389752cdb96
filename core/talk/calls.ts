import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { publicJob } from '../jobs/queries';
import { getLesson } from '../library/lessons';
import { correctTalk, setTalkAdults, talkAnalysis } from './talk';
import { talkVttFile } from './talk-export';
import { talkGrowth } from './growth';

export function talkCalls(ctx: CoreContext): CallsOf<'talk'> {
  return {
    'talk.get': async ({ lessonId }) => talkAnalysis(ctx, lessonId),
    'talk.correct': async (args) => correctTalk(ctx, args),
    'talk.adults': async (args) => setTalkAdults(ctx, args),
    'talk.vtt': async ({ lessonId, labels }) => talkVttFile(ctx, lessonId, labels),
    'talk.growth': async (args) => talkGrowth(ctx, args),
    'talk.analyse': async ({ lessonId }) => {
      getLesson(ctx, lessonId);
      return publicJob(ctx.jobs.enqueue('talk', lessonId));
    },
  };
}
