import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints } from '../../../common/hub-api';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../../hub/auth/sessions';
import { SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MS } from '../../../hub/auth/rate-limit';
import { call, signUp, startHub, type RunningHub } from './helpers';

const e = hubEndpoints;
const DAY = 24 * 60 * 60 * 1000;
let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.stop();
});

describe('accounts', () => {
  it('answers health with its version', async () => {
    const res = await call(hub.url, 'GET', e.health.path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, protocol: 1 });
    expect(typeof res.body.version).toBe('string');
  });

  it('signs up, then knows who is calling', async () => {
    const res = await call(hub.url, 'POST', e.signUp.path, {
      body: { email: '  Amina@School.example ', password: 'long enough pw', displayName: 'Amina', country: 'JO', languages: ['ar', 'en'], timezone: 'Asia/Amman' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'amina@school.example', displayName: 'Amina', country: 'JO', timezone: 'Asia/Amman' });
    const me = await call(hub.url, 'GET', e.me.path, { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const body = { email: 'dup@school.example', password: 'long enough pw', displayName: 'One' };
    expect((await call(hub.url, 'POST', e.signUp.path, { body })).status).toBe(201);
    const again = await call(hub.url, 'POST', e.signUp.path, { body: { ...body, email: 'DUP@school.example' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('email_taken');
  });

  it('refuses malformed input with the field at fault', async () => {
    const res = await call(hub.url, 'POST', e.signUp.path, { body: { email: 'not-an-email', password: 'short', displayName: 'X' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_input');
    expect(res.body.params.path).toBe('email');
    const timezone = await call(hub.url, 'POST', e.signUp.path, {
      body: { email: 'tz@school.example', password: 'long enough pw', displayName: 'X', timezone: 'Mars/Olympus' },
    });
    expect(timezone.status).toBe(400);
  });

  it('tells a wrong password from a missing session', async () => {
    const teacher = await signUp(hub, 'Wrong');
    const res = await call(hub.url, 'POST', e.signIn.path, { body: { email: teacher.user.email, password: 'not the password' } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('credentials_invalid');
    const unknown = await call(hub.url, 'POST', e.signIn.path, { body: { email: 'nobody@school.example', password: 'whatever pw' } });
    expect(unknown.body.code).toBe('credentials_invalid');
    const anonymous = await call(hub.url, 'GET', e.me.path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
  });

  it('rate-limits sign-in after repeated failures, then lets the person back in', async () => {
    const teacher = await signUp(hub, 'Limited');
    const attempt = (password: string) => call(hub.url, 'POST', e.signIn.path, { body: { email: teacher.user.email, password } });
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i += 1) expect((await attempt('wrong password')).status).toBe(401);
    const limited = await attempt('correct horse battery');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    hub.clock.advance(SIGN_IN_WINDOW_MS + 1000);
    const later = await attempt('correct horse battery');
    expect(later.status).toBe(200);
    expect(later.body.token).toBeTruthy();
  });

  it('expires an idle session with session_expired, and slides an active one', async () => {
    const teacher = await signUp(hub, 'Idle');
    hub.clock.advance(SESSION_IDLE_MS + 1000);
    const expired = await call(hub.url, 'GET', e.me.path, { token: teacher.token });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('session_expired');

    const active = await signUp(hub, 'Active');
    for (let used = 0; used < SESSION_MAX_MS - 20 * DAY; used += 20 * DAY) {
      hub.clock.advance(20 * DAY);
      expect((await call(hub.url, 'GET', e.me.path, { token: active.token })).status).toBe(200);
    }
    hub.clock.advance(25 * DAY);
    const capped = await call(hub.url, 'GET', e.me.path, { token: active.token });
    expect(capped.body.code).toBe('session_expired');
  });

  it('signs out one session, or every session at once', async () => {
    const teacher = await signUp(hub, 'Many devices');
    const signIn = () => call(hub.url, 'POST', e.signIn.path, { body: { email: teacher.user.email, password: 'correct horse battery' } });
    const laptop = (await signIn()).body.token as string;
    const phone = (await signIn()).body.token as string;

    expect((await call(hub.url, 'POST', e.signOut.path, { token: laptop })).status).toBe(204);
    expect((await call(hub.url, 'GET', e.me.path, { token: laptop })).status).toBe(401);
    expect((await call(hub.url, 'GET', e.me.path, { token: phone })).status).toBe(200);

    expect((await call(hub.url, 'POST', e.signOutEverywhere.path, { token: phone })).status).toBe(204);
    for (const token of [phone, teacher.token]) {
      const res = await call(hub.url, 'GET', e.me.path, { token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
  });

  it('updates the profile shown in member lists', async () => {
    const teacher = await signUp(hub, 'Profile');
    const res = await call(hub.url, 'PATCH', e.updateMe.path, {
      token: teacher.token,
      body: { country: 'ID', languages: ['id', 'en'], timezone: 'Asia/Jakarta' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ country: 'ID', languages: ['id', 'en'], timezone: 'Asia/Jakarta', displayName: 'Profile' });
  });
});
