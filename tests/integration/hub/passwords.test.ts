import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints } from '../../../common/hub-api';
import { call, queryHub, signUp, startHub, type RunningHub } from './helpers';

const e = hubEndpoints;
/** OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane, in PHC string form. */
const CURRENT = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
/** 'correct horse battery' as the hub hashed it before argon2id (scrypt, N=2^14), made by that code. */
const OLD_SCRYPT_HASH =
  'scrypt$16384$8$1$kcV/Dxj1zTub+mrDOifJig==$6fAnfO2gMhRSKC3EFoyd68s4QeH+PhbPAc4gBSWbmy1YPob6lWVRCwYHBi+bd2vM3zk3aKKlHM9B9iVD8CVQBw==';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.stop();
});

async function storedHash(email: string): Promise<string> {
  const [row] = await queryHub<{ password_hash: string }>(hub, 'SELECT password_hash FROM users WHERE email = ?', email);
  return row!.password_hash;
}

async function setStoredHash(email: string, hash: string): Promise<void> {
  await queryHub(hub, 'UPDATE users SET password_hash = ? WHERE email = ?', hash, email);
}

const signIn = (email: string, password: string) => call(hub.url, 'POST', e.signIn.path, { body: { email, password } });

describe('password hashes', () => {
  it('stores new passwords as argon2id with OWASP parameters', async () => {
    const teacher = await signUp(hub, 'Argon');
    expect(await storedHash(teacher.email)).toMatch(CURRENT);
  });

  it('still accepts a password hashed by the old scrypt code, and rehashes it to argon2id at that sign-in', async () => {
    const teacher = await signUp(hub, 'Veteran');
    await setStoredHash(teacher.email, OLD_SCRYPT_HASH);

    const wrong = await signIn(teacher.email, 'not the password');
    expect(wrong.body.code).toBe('credentials_invalid');
    expect(await storedHash(teacher.email)).toBe(OLD_SCRYPT_HASH);

    const right = await signIn(teacher.email, 'correct horse battery');
    expect(right.status).toBe(200);
    expect(right.body.user.id).toBe(teacher.user.id);
    expect(await storedHash(teacher.email)).toMatch(CURRENT);

    expect((await signIn(teacher.email, 'correct horse battery')).status).toBe(200);
    expect((await signIn(teacher.email, 'not the password')).body.code).toBe('credentials_invalid');
  });

  it('refuses a stored hash it cannot read rather than failing', async () => {
    const teacher = await signUp(hub, 'Garbled');
    await setStoredHash(teacher.email, 'md5$abc');
    const res = await signIn(teacher.email, 'correct horse battery');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('credentials_invalid');
  });
});
