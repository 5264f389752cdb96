import { describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { dollarQuoted, inlined } from '../../../hub/db/pg-transaction';

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

  it('gives a text that holds the usual tag a tag of its own', () => {
    const tagOf = (quoted: string) => /^\$q[0-9a-f]{16}\$/.exec(quoted)![0];
    for (const make of [(usual: string) => `before ${usual} after`, (usual: string) => usual]) {
      const usual = tagOf(dollarQuoted(''));
      const text = make(usual);
      const quoted = dollarQuoted(text);
      const tag = tagOf(quoted);
      expect(tag).not.toBe(usual);
      expect(quoted).toBe(`${tag}${text}${tag}`);
      expect(quoted.indexOf(tag, tag.length)).toBe(tag.length + text.length);
    }
  });

  it("writes a compiled query's parameters in as literals, and refuses a value it cannot write", () => {
    const query = CompiledQuery.raw('UPDATE t SET a = $1, b = $2, c = $3, d = $4 WHERE e = $10 OR f = $1', [
      "x'$2",
      12.5,
      null,
      true,
      0,
      0,
      0,
      0,
      0,
      'ten',
    ]);
    const text = inlined(query);
    // Each $n is the nth parameter ($10 is not $1 followed by 0), and a value's own "$2" stays text.
    expect(text.replace(/\$q[0-9a-f]{16}\$/g, () => '$$')).toBe(
      "UPDATE t SET a = $$x'$2$$, b = 12.5, c = NULL, d = TRUE WHERE e = $$ten$$ OR f = $$x'$2$$",
    );
    expect(() => inlined(CompiledQuery.raw('SELECT $1', [{ an: 'object' }]))).toThrow(/cannot write/);
    expect(() => inlined(CompiledQuery.raw('SELECT $1', [Number.NaN]))).toThrow(/cannot write/);
  });
});
