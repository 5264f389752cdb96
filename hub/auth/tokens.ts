import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Secrets handed to people (session tokens, invite codes) are stored only as their sha256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Crockford-like alphabet without 0/O/1/I/L, so a code read aloud or typed is not misread. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 12 characters from a 31-letter alphabet: about 59 bits, shown as XXXX-XXXX-XXXX. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
