import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub/helpers';
import { signUp, startDevice, type Device } from './devices';

/**
 * A lead's open invitations, as the Invitations panel shows them: every one stays listed (a second never
 * hides the first), each with its role, expiry and uses, its code where this studio made it, and revocable.
 */

let hub: RunningHub;
let lead: Device;
let secondDevice: Device;
let mentor: Device;

beforeAll(async () => {
  hub = await startHub();
  [lead, secondDevice, mentor] = await Promise.all([startDevice(), startDevice(), startDevice()]);
});
afterAll(async () => {
  await Promise.all([lead?.dispose(), secondDevice?.dispose(), mentor?.dispose()]);
  await hub?.stop();
});

describe('invitations', () => {
  it('lists every open invitation with its code, and a revoked or used-up one no longer', async () => {
    const account = await signUp(lead, hub.url, 'Layla');
    await signUp(mentor, hub.url, 'Budi');
    const community = await lead.call('communities.create', { name: 'Maths across borders', description: '', languages: ['en'] });
    const communityId = community.id;
    const first = await lead.call('invites.create', { communityId, role: 'member', expiresInHours: 24 * 7, maxUses: null });
    const second = await lead.call('invites.create', { communityId, role: 'mentor', expiresInHours: 24, maxUses: 1 });

    const open = await lead.call('invites.list', { communityId });
    expect(open).toEqual([
      expect.objectContaining({ id: second.invite.id, role: 'mentor', uses: 0, code: second.code, link: second.link }),
      expect.objectContaining({ id: first.invite.id, role: 'member', uses: 0, code: first.code, link: first.link }),
    ]);

    // The single-use mentor invitation is used up once the mentor joins; the member one is revoked.
    await mentor.call('invites.join', { codeOrLink: second.link });
    await lead.call('invites.revoke', { communityId, inviteId: first.invite.id });
    expect(await lead.call('invites.list', { communityId })).toEqual([]);
    await expect(mentor.call('invites.join', { codeOrLink: first.link })).rejects.toMatchObject({ code: 'invite_invalid' });

    // The same lead on another studio sees the invitation, but the hub keeps only a hash of its code.
    const third = await lead.call('invites.create', { communityId, role: 'member', expiresInHours: 24, maxUses: null });
    await secondDevice.call('hub.signIn', { hubUrl: hub.url, email: account.email, password: 'correct horse battery' });
    expect(await secondDevice.call('invites.list', { communityId })).toEqual([
      expect.objectContaining({ id: third.invite.id, code: null, link: null }),
    ]);
    // Mentors may neither see nor withdraw invitations.
    await expect(mentor.call('invites.list', { communityId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(mentor.call('invites.revoke', { communityId, inviteId: third.invite.id })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
