import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../../hub/server';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, signUp, startDevice, syncAll, type Device } from '../sync/devices';
import { arabic, english, TINY_PNG } from './fixtures';

/**
 * Offline-first recognition: with the hub gone, a lead's studio still defines an achievement and
 * awards it (both wait in the outbox, the award shown as waiting for the signature); once the hub is
 * back they are pushed in order, the hub signs the award as it applies it, and the credential reaches
 * the teacher's studio through sync.
 */
let hub: RunningHub;
let lead: Device;
let teacher: Device;

beforeAll(async () => {
  hub = await startHub();
  [lead, teacher] = await Promise.all([startDevice(), startDevice()]);
});
afterAll(async () => {
  await Promise.all([lead?.dispose(), teacher?.dispose()]);
  await hub?.stop();
});

describe('an award made offline', () => {
  it('is kept, pushed when the hub is back, signed there and received by the teacher', async () => {
    await signUp(lead, hub.url, 'Layla');
    const teacherId = (await signUp(teacher, hub.url, 'Amina')).account!.userId;
    const communityId = (await communityOf(lead, [[teacher, 'member']])).id;

    const port = hub.hub.port;
    await hub.hub.close();
    const achievement = await lead.call('credentials.saveAchievement', {
      communityId,
      texts: { en: english, ar: arabic },
      image: TINY_PNG,
    });
    const { id } = await lead.call('credentials.award', {
      communityId,
      holderId: teacherId,
      achievementId: achievement.id,
      note: 'Offline',
    });
    const offline = await lead.until(async () => {
      const s = await lead.call('sync.status');
      return !s.syncing && s.lastError?.code === 'hub_unreachable' ? s : null;
    });
    expect(offline.pendingChanges).toBe(2);
    expect(await lead.call('credentials.list', { communityId })).toEqual({
      credentials: [],
      pending: [{ id, holderId: teacherId, achievementId: achievement.id }],
    });

    hub.hub = await createHub({ dataDir: hub.dataDir, port, now: hub.clock.now });
    await syncAll(lead, teacher);
    expect(await lead.call('sync.status')).toMatchObject({ pendingChanges: 0, lastError: null });
    expect((await lead.call('credentials.list', { communityId })).pending).toEqual([]);
    const { credentials } = await teacher.call('credentials.list', { communityId });
    expect(credentials).toMatchObject([{ id, holderId: teacherId, achievementId: achievement.id, revokedAt: null }]);
    expect(credentials[0]!.credential).toMatchObject({
      name: english.name,
      credentialSubject: { identifier: [{ identityHash: 'Amina' }] },
    });
    expect(await teacher.call('credentials.achievements', { communityId })).toMatchObject([{ id: achievement.id, editable: false }]);
    // The baked badge is the achievement's own picture, from the record the teacher's studio received.
    const badge = await teacher.call('credentials.export', { communityId, credentialId: id, format: 'png' });
    expect(PNG.sync.read(Buffer.from(badge.base64, 'base64')).width).toBe(1);
    await teacher.call('credentials.qr', { communityId, credentialId: id });
  });
});
