import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints, hubPath, parseInviteLink } from '../../../common/hub-api';
import { addMember, call, createCommunity, invite, join, removeMember, signUp, startHub, type RunningHub, type TestUser } from './helpers';

const e = hubEndpoints;
const HOUR = 60 * 60 * 1000;
let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.stop();
});

const members = async (by: TestUser, communityId: string) =>
  call(hub.url, 'GET', hubPath(e.listMembers.path, { communityId }), { token: by.token });

describe('communities', () => {
  it('makes the creator its lead, and lists it for them only', async () => {
    const lead = await signUp(hub, 'Lead');
    const stranger = await signUp(hub, 'Stranger');
    const community = await createCommunity(hub, lead, 'Science in Amman');
    expect(community).toMatchObject({ name: 'Science in Amman', languages: ['en', 'ar'], myRole: 'lead' });

    const mine = await call(hub.url, 'GET', e.listCommunities.path, { token: lead.token });
    expect(mine.body.communities.map((c: { id: string }) => c.id)).toEqual([community.id]);
    expect((await call(hub.url, 'GET', e.listCommunities.path, { token: stranger.token })).body.communities).toEqual([]);
    const peek = await call(hub.url, 'GET', hubPath(e.getCommunity.path, { communityId: community.id }), { token: stranger.token });
    expect(peek.status).toBe(403);
  });

  it('lets the lead rename it, and nobody else', async () => {
    const lead = await signUp(hub, 'Lead');
    const member = await signUp(hub, 'Member');
    const community = await createCommunity(hub, lead);
    await addMember(hub, lead, community.id, member, 'member');
    const path = hubPath(e.updateCommunity.path, { communityId: community.id });
    const edit = await call(hub.url, 'PATCH', path, { token: lead.token, body: { name: 'Maths, grades 3-5', languages: ['fr'] } });
    expect(edit.status).toBe(200);
    expect(edit.body.community).toMatchObject({ name: 'Maths, grades 3-5', languages: ['fr'] });
    const refused = await call(hub.url, 'PATCH', path, { token: member.token, body: { name: 'Mine now' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });
});

describe('invites', () => {
  it('joins with the role the invite carries, and joining twice changes nothing', async () => {
    const lead = await signUp(hub, 'Lead');
    const mentor = await signUp(hub, 'Mentor', { country: 'TR', languages: ['tr', 'en'], timezone: 'Europe/Istanbul' });
    const community = await createCommunity(hub, lead);
    const created = await invite(hub, lead, community.id, 'mentor');
    expect(parseInviteLink(created.link)).toEqual({ hubUrl: hub.url, code: created.code });

    const preview = await call(hub.url, 'POST', e.previewInvite.path, { token: mentor.token, body: { code: created.code } });
    expect(preview.body).toMatchObject({ communityId: community.id, role: 'mentor' });
    // People type codes: lower case and without dashes works too.
    const joined = await join(hub, mentor, created.code.toLowerCase().replace(/-/g, ''));
    expect(joined.status).toBe(200);
    expect(joined.body.community.myRole).toBe('mentor');
    expect((await join(hub, mentor, created.code)).body.community.myRole).toBe('mentor');

    const list = await members(lead, community.id);
    expect(list.body.members).toContainEqual(
      expect.objectContaining({
        userId: mentor.user.id,
        role: 'mentor',
        country: 'TR',
        languages: ['tr', 'en'],
        timezone: 'Europe/Istanbul',
      }),
    );
    const invites = await call(hub.url, 'GET', hubPath(e.listInvites.path, { communityId: community.id }), { token: lead.token });
    expect(invites.body.invites).toEqual([expect.objectContaining({ id: created.invite.id, uses: 1, role: 'mentor' })]);
  });

  it('refuses expired, used-up, revoked and unknown codes', async () => {
    const lead = await signUp(hub, 'Lead');
    const [late, first, second, third] = await Promise.all(['Late', 'First', 'Second', 'Third'].map((n) => signUp(hub, n)));
    const community = await createCommunity(hub, lead);

    const shortLived = await invite(hub, lead, community.id, 'member', { expiresInHours: 1 });
    hub.clock.advance(HOUR + 1);
    const expired = await join(hub, late!, shortLived.code);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'invite_expired', params: { reason: 'expired' } });

    const single = await invite(hub, lead, community.id, 'member', { maxUses: 1 });
    expect((await join(hub, first!, single.code)).status).toBe(200);
    const usedUp = await join(hub, second!, single.code);
    expect(usedUp.body).toMatchObject({ code: 'invite_expired', params: { reason: 'used_up' } });

    const revoked = await invite(hub, lead, community.id, 'member');
    const revoke = await call(hub.url, 'DELETE', hubPath(e.revokeInvite.path, { communityId: community.id, inviteId: revoked.invite.id }), {
      token: lead.token,
    });
    expect(revoke.status).toBe(204);
    expect((await join(hub, third!, revoked.code)).body.code).toBe('invite_invalid');
    expect((await join(hub, third!, 'ZZZZ-ZZZZ-ZZZZ')).status).toBe(404);
  });

  it('lets only leads invite', async () => {
    const lead = await signUp(hub, 'Lead');
    const mentor = await signUp(hub, 'Mentor');
    const community = await createCommunity(hub, lead);
    await addMember(hub, lead, community.id, mentor, 'mentor');
    const res = await call(hub.url, 'POST', hubPath(e.createInvite.path, { communityId: community.id }), { token: mentor.token, body: {} });
    expect(res.status).toBe(403);
    // Nor see or withdraw the open ones.
    const open = await invite(hub, lead, community.id, 'member');
    const listed = await call(hub.url, 'GET', hubPath(e.listInvites.path, { communityId: community.id }), { token: mentor.token });
    expect(listed.status).toBe(403);
    const revokePath = hubPath(e.revokeInvite.path, { communityId: community.id, inviteId: open.invite.id });
    expect((await call(hub.url, 'DELETE', revokePath, { token: mentor.token })).status).toBe(403);
    const byLead = await call(hub.url, 'GET', hubPath(e.listInvites.path, { communityId: community.id }), { token: lead.token });
    expect(byLead.body.invites).toContainEqual(expect.objectContaining({ id: open.invite.id, revoked: false }));
  });
});

describe('members', () => {
  it('lets a lead change roles and remove members; the removed lose access', async () => {
    const lead = await signUp(hub, 'Lead');
    const member = await signUp(hub, 'Member');
    const community = await createCommunity(hub, lead);
    await addMember(hub, lead, community.id, member, 'member');
    const rolePath = hubPath(e.changeRole.path, { communityId: community.id, userId: member.user.id });

    expect((await call(hub.url, 'PATCH', rolePath, { token: lead.token, body: { role: 'mentor' } })).status).toBe(204);
    const listed = await members(lead, community.id);
    expect(listed.body.members.find((m: { userId: string }) => m.userId === member.user.id).role).toBe('mentor');

    const selfPromotion = hubPath(e.changeRole.path, { communityId: community.id, userId: member.user.id });
    expect((await call(hub.url, 'PATCH', selfPromotion, { token: member.token, body: { role: 'lead' } })).status).toBe(403);

    expect((await removeMember(hub, lead, community.id, member.user.id)).status).toBe(204);
    expect((await members(member, community.id)).status).toBe(403);
    expect((await call(hub.url, 'GET', hubPath(e.getCommunity.path, { communityId: community.id }), { token: member.token })).status).toBe(
      403,
    );
  });

  it('keeps a lead in charge: the last lead cannot step down or leave while others remain', async () => {
    const lead = await signUp(hub, 'Lead');
    const member = await signUp(hub, 'Member');
    const community = await createCommunity(hub, lead);
    await addMember(hub, lead, community.id, member, 'member');

    const stepDown = await call(hub.url, 'PATCH', hubPath(e.changeRole.path, { communityId: community.id, userId: lead.user.id }), {
      token: lead.token,
      body: { role: 'member' },
    });
    expect(stepDown.status).toBe(409);
    expect(stepDown.body.code).toBe('last_lead');
    expect((await removeMember(hub, lead, community.id, lead.user.id)).body.code).toBe('last_lead');

    expect((await removeMember(hub, member, community.id, member.user.id)).status).toBe(204);
    expect((await removeMember(hub, lead, community.id, lead.user.id)).status).toBe(204);
    expect((await call(hub.url, 'GET', e.listCommunities.path, { token: lead.token })).body.communities).toEqual([]);
  });

  it('lets anyone leave', async () => {
    const lead = await signUp(hub, 'Lead');
    const mentor = await signUp(hub, 'Mentor');
    const community = await createCommunity(hub, lead);
    await addMember(hub, lead, community.id, mentor, 'mentor');
    expect((await removeMember(hub, mentor, community.id, mentor.user.id)).status).toBe(204);
    const list = await members(lead, community.id);
    expect(list.body.members.map((m: { userId: string }) => m.userId)).toEqual([lead.user.id]);
  });
});
