import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { startHub, type RunningHub } from '../hub/helpers';
import { signUp, startDevice, type Device } from './devices';

let hub: RunningHub;
const devices: Device[] = [];

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(devices.map((d) => d.dispose()));
  await hub?.stop();
});

async function device(): Promise<Device> {
  const d = await startDevice();
  devices.push(d);
  return d;
}

describe('creating an account from the studio', () => {
  it('signs a new person in on a fresh email', async () => {
    const studio = await device();
    const status = await signUp(studio, hub.url, 'Amina', { country: 'JO' });
    expect(status.account).toMatchObject({ email: status.email, displayName: 'Amina', country: 'JO' });
    expect(status.sessionExpired).toBe(false);
  });

  it('signs nobody in on a taken email with another password, says to sign in instead, and changes nothing', async () => {
    const owner = await signUp(await device(), hub.url, 'Owner');
    const other = await device();
    const attempt = other.call('hub.signUp', {
      hubUrl: hub.url,
      email: owner.email,
      password: 'a different passphrase',
      displayName: 'Impostor',
    });
    await expect(attempt).rejects.toSatisfy((err: unknown) => err instanceof StudioError && err.code === 'sign_up_not_completed');
    expect((await other.call('hub.status')).account).toBeNull();

    const back = await other.call('hub.signIn', { hubUrl: hub.url, email: owner.email, password: 'correct horse battery' });
    expect(back.account).toMatchObject({ userId: owner.account!.userId, displayName: 'Owner' });
  });

  it('signs in a person who signs up again with their own email and password', async () => {
    const owner = await signUp(await device(), hub.url, 'Forgetful');
    const laptop = await device();
    const again = await laptop.call('hub.signUp', {
      hubUrl: hub.url,
      email: owner.email,
      password: 'correct horse battery',
      displayName: 'Forgetful again',
    });
    expect(again.account).toMatchObject({ userId: owner.account!.userId, displayName: 'Forgetful' });
  });

  it('refuses a common password with its own code', async () => {
    const studio = await device();
    const attempt = studio.call('hub.signUp', {
      hubUrl: hub.url,
      email: 'common@school.example',
      password: 'password123',
      displayName: 'C',
    });
    await expect(attempt).rejects.toSatisfy((err: unknown) => err instanceof StudioError && err.code === 'password_too_common');
  });
});
