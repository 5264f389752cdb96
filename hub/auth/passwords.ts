import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { isScryptHash, verifyScrypt } from './legacy-scrypt';

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), stored as a PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), which names its own parameters: raising them later
 * leaves old hashes verifiable, and `needsRehash` upgrades them at the next sign-in.
 */
// `Algorithm` is a const enum, which isolated modules cannot read at run time: its value, checked by type.
const ARGON2ID = { algorithm: 2 satisfies Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2ID.memoryCost},t=${ARGON2ID.timeCost},p=${ARGON2ID.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** False for a wrong password and for a stored hash this hub cannot read; never throws for either. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isScryptHash(stored)) return verifyScrypt(password, stored).catch(() => false);
  if (!stored.startsWith('$argon2')) return false;
  return verify(stored, password).catch(() => false);
}

/** A hash made by older code or with weaker parameters, to be replaced once the password is known. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT_PREFIX);
}

/**
 * A real hash of nothing in particular: signing in with an unknown email still costs one argon2id
 * verification, so response times do not reveal which emails have accounts.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
