import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Face blur, read by screens outside the lesson's Blur tab (the share dialog). */
export const blurActions = {
  get: (input: CallInput<'blur.get'>) => call('blur.get', input),
};
