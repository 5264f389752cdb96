import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The ~49,000 most common passwords that zxcvbn ships (lower case, bundled in the package: nothing is
 * fetched). Built on first use, so a hub that never sees a sign-up never holds it.
 */
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
