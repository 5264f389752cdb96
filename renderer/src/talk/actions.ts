import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Talk analysis read outside the lesson's Talk tab: the report, Growth and the notes export. */
export const talkActions = {
  get: (input: CallInput<'talk.get'>) => call('talk.get', input),
  growth: (input: CallInput<'talk.growth'>) => call('talk.growth', input),
  vtt: (input: CallInput<'talk.vtt'>) => call('talk.vtt', input),
};
