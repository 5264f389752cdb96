import { scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

/**
 * Hashes written before argon2id, as `scrypt$N$r$p$salt$hash` (N was 2^14, below current guidance).
 * They are only ever verified: a successful sign-in replaces them with argon2id (hub/auth/passwords.ts).
 */
export function isScryptHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

export async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!salt || !hash || !Object.values(cost).every(Number.isSafeInteger)) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await new Promise<Buffer>((resolve, reject) => {
    scryptCallback(password, Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: 64 * 1024 * 1024 }, (err, derived) =>
      err ? reject(err) : resolve(derived),
    );
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
