import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints } from '../../../common/hub-api';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../../hub/auth/sessions';
import { SIGN_IN_PER_ACCOUNT } from '../../../hub/auth/rate-limit';
import { call, queryHub, signUp, startHub, type RunningHub } from './helpers';

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

  it('signs up, then signs in and knows who is calling', async () => {
    const res = await call(hub.url, 'POST', e.signUp.path, {
      body: {
        email: '  Amina@School.example ',
        password: 'long enough pw',
        displayName: 'Amina',
        country: 'JO',
        languages: ['ar', 'en'],
        timezone: 'Asia/Amman',
      },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'accepted' });
    const session = await call(hub.url, 'POST', e.signIn.path, { body: { email: 'amina@school.example', password: 'long enough pw' } });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: 'amina@school.example', displayName: 'Amina', country: 'JO', timezone: 'Asia/Amman' });
    const me = await call(hub.url, 'GET', e.me.path, { token: session.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(session.body.user.id);
  });

  it('answers a sign-up for a taken email exactly as for a new one, and changes nothing', async () => {
    const body = { email: 'dup@school.example', password: 'long enough pw', displayName: 'One' };
    const first = await call(hub.url, 'POST', e.signUp.path, { body });
    const again = await call(hub.url, 'POST', e.signUp.path, {
      body: { email: 'DUP@school.example', password: 'another password', displayName: 'Two' },
    });
    const same = await call(hub.url, 'POST', e.signUp.path, { body });
    for (const res of [again, same]) {
      expect(res.status).toBe(first.status);
      expect(res.body).toEqual(first.body);
      expect(res.headers.get('content-length')).toBe(first.headers.get('content-length'));
    }
    expect(await queryHub(hub, 'SELECT display_name FROM users WHERE email = ?', 'dup@school.example')).toEqual([{ display_name: 'One' }]);
    const intruder = await call(hub.url, 'POST', e.signIn.path, { body: { email: 'dup@school.example', password: 'another password' } });
    expect(intruder.body.code).toBe('credentials_invalid');
    const owner = await call(hub.url, 'POST', e.signIn.path, { body: { email: 'dup@school.example', password: 'long enough pw' } });
    expect(owner.status).toBe(200);
    expect(owner.body.user.displayName).toBe('One');
  });

  it('refuses the most common passwords, whatever their case, and creates nothing', async () => {
    for (const password of ['password1', 'Iloveyou', 'QWERTYUIOP']) {
      const res = await call(hub.url, 'POST', e.signUp.path, { body: { email: 'common@school.example', password, displayName: 'C' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('password_too_common');
    }
    expect(await queryHub(hub, 'SELECT count(*) AS n FROM users WHERE email = ?', 'common@school.example')).toEqual([{ n: 0 }]);
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
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.max; i += 1) expect((await attempt('wrong password')).status).toBe(401);
    const limited = await attempt('correct horse battery');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    hub.clock.advance(SIGN_IN_PER_ACCOUNT.windowMs + 1000);
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
