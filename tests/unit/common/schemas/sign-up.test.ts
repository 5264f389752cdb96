import { describe, expect, it } from 'vitest';
import { signUpRequestSchema } from '../../../../common/hub-api';
import { signUpInputSchema } from '../../../../common/schemas/community';

describe('hub.signUp input', () => {
  const request = { email: ' Teacher@School.example ', password: 'long enough', displayName: ' Amal ', languages: ['ar'] };

  it('is the hub’s sign-up request plus the hub to send it to', () => {
    const { hubUrl, ...rest } = signUpInputSchema.parse({ hubUrl: 'https://hub.example/', ...request });
    expect(hubUrl).toBe('https://hub.example');
    expect(rest).toEqual(signUpRequestSchema.parse(request));
    expect(rest).toEqual({
      email: 'teacher@school.example',
      password: 'long enough',
      displayName: 'Amal',
      country: null,
      languages: ['ar'],
      timezone: null,
    });
  });

  it('refuses what the hub would refuse, an unknown key, and a request with no hub', () => {
    const hubUrl = 'https://hub.example';
    expect(signUpInputSchema.safeParse({ hubUrl, ...request, password: 'short' }).success).toBe(false);
    expect(signUpInputSchema.safeParse({ hubUrl, ...request, role: 'lead' }).success).toBe(false);
    expect(signUpInputSchema.safeParse({ hubUrl: 'file:///etc', ...request }).success).toBe(false);
    expect(signUpInputSchema.safeParse(request).success).toBe(false);
  });
});
