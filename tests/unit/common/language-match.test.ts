import { describe, expect, it } from 'vitest';
import { acceptedLanguages, matchLanguage } from '../../../common/language-match';
import { languages } from '../../../common/schemas/settings';

describe('the system language', () => {
  it('is the first preferred language we have a catalog for, regions ignored', () => {
    expect(matchLanguage(['ar-JO', 'en-US'], languages)).toBe('ar');
    expect(matchLanguage(['de-DE', 'fr-CA', 'en'], languages)).toBe('fr');
    expect(matchLanguage(['zh_TW', 'TR'], languages)).toBe('tr');
  });

  it('is none when no catalog fits', () => {
    expect(matchLanguage(['de', 'ja-JP'], languages)).toBeNull();
    expect(matchLanguage([], languages)).toBeNull();
  });
});

describe('an Accept-Language header', () => {
  it('lists tags by weight, the header order breaking ties', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de']);
    expect(acceptedLanguages('en;q=0.2, ar')).toEqual(['ar', 'en']);
  });

  it('leaves out what is malformed or refused', () => {
    expect(acceptedLanguages('<script>, en;q=0, ar;q=abc')).toEqual(['ar']);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});
