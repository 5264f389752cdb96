import { describe, expect, it } from 'vitest';
import { dollarQuoted } from '../../../hub/db/pg-transaction';

describe('dollar-quoted literals', () => {
  it('ends each text at its own closing tag, whatever dollars the text holds', () => {
    for (const text of ['', 'plain', "it's", '$$', '$q$', 'ends with $q', 'ends with $', '$qdeadbeef$ inside', '\\ back \\', 'é 🎻 شرح']) {
      const quoted = dollarQuoted(text);
      const tag = /^\$q[0-9a-f]{16}\$/.exec(quoted)![0];
      expect(quoted).toBe(`${tag}${text}${tag}`);
      // PostgreSQL ends the literal at the first occurrence of the tag after the opening one.
      expect(quoted.indexOf(tag, tag.length)).toBe(tag.length + text.length);
    }
  });
});
