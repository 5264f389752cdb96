import type { CallInput } from '../../../common/contract';
import { call } from '../bridge/studio';

/** Communities: list, open, create, leave, their lessons. */
export const communityActions = {
  create: (input: CallInput<'communities.create'>) => call('communities.create', input),
  get: (input: CallInput<'communities.get'>) => call('communities.get', input),
  leave: (input: CallInput<'communities.leave'>) => call('communities.leave', input),
  lessons: (input: CallInput<'communities.lessons'>) => call('communities.lessons', input),
  list: (input: CallInput<'communities.list'>) => call('communities.list', input),
};

/** The hub account: sign up, in and out. */
export const hubActions = {
  signIn: (input: CallInput<'hub.signIn'>) => call('hub.signIn', input),
  signOut: (input: CallInput<'hub.signOut'>) => call('hub.signOut', input),
  signUp: (input: CallInput<'hub.signUp'>) => call('hub.signUp', input),
};

/** Invitations: made, listed, withdrawn, accepted. */
export const inviteActions = {
  create: (input: CallInput<'invites.create'>) => call('invites.create', input),
  join: (input: CallInput<'invites.join'>) => call('invites.join', input),
  list: (input: CallInput<'invites.list'>) => call('invites.list', input),
  revoke: (input: CallInput<'invites.revoke'>) => call('invites.revoke', input),
};

/** A community's members and their roles. */
export const memberActions = {
  changeRole: (input: CallInput<'members.changeRole'>) => call('members.changeRole', input),
  list: (input: CallInput<'members.list'>) => call('members.list', input),
  remove: (input: CallInput<'members.remove'>) => call('members.remove', input),
};

/** Sharing a lesson into a community, and taking it back. */
export const sharingActions = {
  get: (input: CallInput<'sharing.get'>) => call('sharing.get', input),
  share: (input: CallInput<'sharing.share'>) => call('sharing.share', input),
  unshare: (input: CallInput<'sharing.unshare'>) => call('sharing.unshare', input),
};

/** Sync: its state, and a sync asked for now. */
export const syncActions = {
  now: (input: CallInput<'sync.now'>) => call('sync.now', input),
  status: (input: CallInput<'sync.status'>) => call('sync.status', input),
};

/** Media transfers: pause, resume, download. */
export const transferActions = {
  download: (input: CallInput<'transfers.download'>) => call('transfers.download', input),
  pause: (input: CallInput<'transfers.pause'>) => call('transfers.pause', input),
  resume: (input: CallInput<'transfers.resume'>) => call('transfers.resume', input),
};
