import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Unfinished recordings found at start-up: recovered or let go. */
export const recordingActions = {
  discardUnfinished: (input: CallInput<'recording.discardUnfinished'>) => call('recording.discardUnfinished', input),
  listUnfinished: (input: CallInput<'recording.listUnfinished'>) => call('recording.listUnfinished', input),
  recover: (input: CallInput<'recording.recover'>) => call('recording.recover', input),
};
