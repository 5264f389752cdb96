import { afterEach, describe, expect, it } from 'vitest';
import { hubEndpoints } from '../../../common/hub-api';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, SIGN_UP_PER_ADDRESS } from '../../../hub/auth/rate-limit';
import { createHub, type Hub } from '../../../hub/server';
import { call, queryHub, signUp, startHub, type Reply, type RunningHub } from './helpers';

const e = hubEndpoints;
const running: RunningHub[] = [];
const extra: Hub[] = [];

async function freshHub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const hub = await startHub(options);
  running.push(hub);
  return hub;
}

afterEach(async () => {
  for (const hub of extra.splice(0)) await hub.close();
  for (const hub of running.splice(0)) await hub.stop();
});

const signIn = (url: string, email: string, password: string) => call(url, 'POST', e.signIn.path, { body: { email, password } });

function tally(replies: Reply[]) {
  const checked = replies.filter((r) => r.status === 401);
  const limited = replies.filter((r) => r.status === 429);
  for (const r of checked) expect(r.body.code).toBe('credentials_invalid');
  for (const r of limited) {
    expect(r.body.code).toBe('rate_limited');
    expect(r.body.params.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(r.headers.get('retry-after'))).toBe(r.body.params.retryAfterSeconds);
  }
  expect(checked.length + limited.length).toBe(replies.length);
  return { checked: checked.length, limited: limited.length };
}

describe('sign-in and sign-up limits', () => {
  it('checks at most the limit of 25 wrong passwords sent at once, then refuses even the right one until the window passes', async () => {
    const hub = await freshHub();
    const teacher = await signUp(hub, 'Raced');
    const replies = await Promise.all(Array.from({ length: 25 }, () => signIn(hub.url, teacher.email, 'wrong password')));
    expect(tally(replies)).toEqual({ checked: SIGN_IN_PER_ACCOUNT.max, limited: 25 - SIGN_IN_PER_ACCOUNT.max });

    const right = await signIn(hub.url, teacher.email, 'correct horse battery');
    expect(right.status).toBe(429);
    expect(right.body.params.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_PER_ACCOUNT.windowMs / 1000);
    hub.clock.advance(SIGN_IN_PER_ACCOUNT.windowMs + 1000);
    expect((await signIn(hub.url, teacher.email, 'correct horse battery')).status).toBe(200);
  });

  it('counts together across two hub processes on one database', async () => {
    const hub = await freshHub();
    const second = await createHub({ dataDir: hub.dataDir, databaseUrl: hub.databaseUrl, now: hub.clock.now });
    extra.push(second);
    const teacher = await signUp(hub, 'Two processes');
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) => signIn(i % 2 ? second.url : hub.url, teacher.email, 'wrong password')),
    );
    expect(tally(replies).checked).toBe(SIGN_IN_PER_ACCOUNT.max);
  });

  it('counts an unknown email like a known one, so the limit does not tell them apart', async () => {
    const hub = await freshHub();
    const replies = await Promise.all(Array.from({ length: 12 }, () => signIn(hub.url, 'nobody@school.example', 'wrong password')));
    expect(tally(replies)).toEqual({ checked: SIGN_IN_PER_ACCOUNT.max, limited: 12 - SIGN_IN_PER_ACCOUNT.max });
  });

  it('forgives earlier mistakes once the person signs in', async () => {
    const hub = await freshHub();
    const teacher = await signUp(hub, 'Forgiven');
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.max - 1; i += 1) expect((await signIn(hub.url, teacher.email, 'typo')).status).toBe(401);
    expect((await signIn(hub.url, teacher.email, 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.max - 1; i += 1) expect((await signIn(hub.url, teacher.email, 'typo')).status).toBe(401);
    expect((await signIn(hub.url, teacher.email, 'correct horse battery')).status).toBe(200);
  });

  it('limits wrong passwords from one address across many accounts', async () => {
    const hub = await freshHub();
    const teacher = await signUp(hub, 'Sprayed');
    const emails = Array.from({ length: SIGN_IN_PER_ADDRESS.max }, (_, i) => `guess${i}@school.example`);
    // A few at a time: the account limit must not be what stops them.
    for (let i = 0; i < emails.length; i += 10) {
      const replies = await Promise.all(emails.slice(i, i + 10).map((email) => signIn(hub.url, email, 'wrong password')));
      expect(tally(replies).limited).toBe(0);
    }
    const blocked = await signIn(hub.url, teacher.email, 'correct horse battery');
    expect(blocked.status).toBe(429);
    hub.clock.advance(SIGN_IN_PER_ADDRESS.windowMs + 1000);
    expect((await signIn(hub.url, teacher.email, 'correct horse battery')).status).toBe(200);
  });

  it('limits a flood of sign-ups from one address and creates only the accounts it let through', async () => {
    const hub = await freshHub();
    const flood = SIGN_UP_PER_ADDRESS.max + 10;
    const replies = await Promise.all(
      Array.from({ length: flood }, (_, i) =>
        call(hub.url, 'POST', e.signUp.path, {
          body: { email: `flood${i}@school.example`, password: 'correct horse battery', displayName: `F${i}` },
        }),
      ),
    );
    const accepted = replies.filter((r) => r.status === 202);
    const limited = replies.filter((r) => r.status === 429);
    expect(accepted).toHaveLength(SIGN_UP_PER_ADDRESS.max);
    expect(limited).toHaveLength(10);
    for (const r of limited) {
      expect(r.body.code).toBe('rate_limited');
      expect(r.body.params.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await queryHub(hub, "SELECT count(*) AS n FROM users WHERE email LIKE 'flood%'")).toEqual([{ n: SIGN_UP_PER_ADDRESS.max }]);
    hub.clock.advance(SIGN_UP_PER_ADDRESS.windowMs + 1000);
    await expect(signUp(hub, 'After the flood')).resolves.toMatchObject({ user: { displayName: 'After the flood' } });
  });

  it('counts the client a trusted proxy names, and ignores that header from anyone else', async () => {
    const signUpFrom = (hub: RunningHub, address: string, i: number) =>
      call(hub.url, 'POST', e.signUp.path, {
        headers: { 'x-forwarded-for': address },
        body: { email: `proxied${i}@school.example`, password: 'correct horse battery', displayName: `P${i}` },
      });
    const fill = async (hub: RunningHub, address: (i: number) => string) => {
      const replies = await Promise.all(Array.from({ length: SIGN_UP_PER_ADDRESS.max }, (_, i) => signUpFrom(hub, address(i), i)));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 202));
    };

    const direct = await freshHub();
    await fill(direct, (i) => `198.51.100.${i + 1}`);
    expect((await signUpFrom(direct, '198.51.100.250', 999)).status).toBe(429);

    const behindBalancer = await freshHub({ trustProxy: ['127.0.0.1'] });
    await fill(behindBalancer, () => '203.0.113.1');
    expect((await signUpFrom(behindBalancer, '203.0.113.1', 998)).status).toBe(429);
    expect((await signUpFrom(behindBalancer, '203.0.113.2', 999)).status).toBe(202);
  });
});
