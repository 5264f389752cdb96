import { describe, expect, it } from 'vitest';
import { signInInputSchema } from '../../../common/schemas/community';
import { toErrorPayload } from '../../../common/errors';

const signIn = (hubUrl: string) => signInInputSchema.safeParse({ hubUrl, email: 'a@school.example', password: 'x' });

describe('a hub address as typed', () => {
  it('that is not an http(s) address is its own error, not "cannot be reached"', () => {
    for (const typed of ['hub dot school', 'hub.school.example', 'ftp://hub.school.example', 'javascript:alert(1)']) {
      const parsed = signIn(typed);
      expect(parsed.success).toBe(false);
      expect(toErrorPayload(parsed.error).code).toBe('hub_address_invalid');
    }
  });

  it('is kept without its trailing slashes otherwise', () => {
    expect(signIn('https://hub.school.example/').data?.hubUrl).toBe('https://hub.school.example');
    expect(signIn('http://[::1]:8787').data?.hubUrl).toBe('http://[::1]:8787');
  });
});
