import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Credentials: a community's achievements and awards, a holder's exports, and verifying a file anyone hands over. */
export const credentialActions = {
  achievements: (input: CallInput<'credentials.achievements'>) => call('credentials.achievements', input),
  saveAchievement: (input: CallInput<'credentials.saveAchievement'>) => call('credentials.saveAchievement', input),
  retireAchievement: (input: CallInput<'credentials.retireAchievement'>) => call('credentials.retireAchievement', input),
  award: (input: CallInput<'credentials.award'>) => call('credentials.award', input),
  eligible: (input: CallInput<'credentials.eligible'>) => call('credentials.eligible', input),
  export: (input: CallInput<'credentials.export'>) => call('credentials.export', input),
  list: (input: CallInput<'credentials.list'>) => call('credentials.list', input),
  qr: (input: CallInput<'credentials.qr'>) => call('credentials.qr', input),
  revoke: (input: CallInput<'credentials.revoke'>) => call('credentials.revoke', input),
  verify: (input: CallInput<'credentials.verify'>) => call('credentials.verify', input),
};
