import { describe, expect, it } from 'vitest';
import { matchQuery } from '../../../core/search/match';
import { MATCH_CLOSE as C, MATCH_OPEN as O, splitSnippet } from '../../../core/search/snippet';

describe('search queries', () => {
  it('requires every word and matches the last one as a prefix', () => {
    expect(matchQuery('wait time')).toBe('"wait" "time"*');
    expect(matchQuery('  ques')).toBe('"ques"*');
    expect(matchQuery('wait time', false)).toBe('"wait" "time"');
  });

  it('takes FTS5 syntax in the input literally', () => {
    expect(matchQuery('title:foo OR "bar" NEAR(x)')).toBe('"title" "foo" "OR" "bar" "NEAR" "x"*');
    expect(matchQuery('*"()^')).toBeNull();
    expect(matchQuery('')).toBeNull();
  });

  it('keeps Arabic words whole and leaves out the vowel marks and tatweel the index leaves out', () => {
    expect(matchQuery('كَتَبَ الدرس')).toBe('"كتب" "الدرس"*');
    expect(matchQuery('الـــدرس')).toBe('"الدرس"*');
    // Urdu's zer, zabar and pesh are the same marks; letters stay as written, hamza forms included.
    expect(matchQuery('اُستاد أحمد')).toBe('"استاد" "أحمد"*');
    expect(matchQuery('café')).toBe('"café"*');
  });
});

describe('snippets', () => {
  it('split into plain pieces with the matches marked', () => {
    expect(splitSnippet(`…the ${O}wait${C} time was ${O}long${C}`)).toEqual([
      { text: '…the ', match: false },
      { text: 'wait', match: true },
      { text: ' time was ', match: false },
      { text: 'long', match: true },
    ]);
    expect(splitSnippet('<b>not html</b>')).toEqual([{ text: '<b>not html</b>', match: false }]);
  });
});
