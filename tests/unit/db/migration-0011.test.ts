import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { clipSearch } from '../../../core/db/migrations/0011-clip-search';
import { matchQuery } from '../../../core/search/match';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0011');

const upTo = migrations.indexOf(clipSearch) + 1;
const found = (query: string) =>
  (
    scratch.db
      .prepare(
        `SELECT r.kind, r.ref_id FROM search_fts f JOIN search_refs r ON r.rowid = f.rowid WHERE search_fts MATCH ? ORDER BY r.kind, r.ref_id`,
      )
      .all(matchQuery(query, false)) as Array<{ kind: string; ref_id: string }>
  ).map((r) => `${r.kind}:${r.ref_id}`);

describe('migration 0011 (clip search)', () => {
  it('indexes the clips a library holds, keeps what was indexed, and follows clips from then on', () => {
    expect(clipSearch.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    const run = (sql: string) => scratch.db.prepare(sql).run();
    run(
      `INSERT INTO lessons (id, title, description, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', '', 'ready', 'import', 1, 1)`,
    );
    run(
      `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES ('n1', 'l1', 'praise', 5, 'Good pacing', 1, 1)`,
    );
    run(`INSERT INTO reflections (lesson_id, went_well, updated_at) VALUES ('l1', 'pacing held', 1)`);
    run(
      `INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES ('c1', 'l1', 'Opening question', 0, 900, 1, 1)`,
    );
    expect(found('opening')).toEqual([]);

    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(clipSearch.version);
    expect(found('opening')).toEqual(['clip:c1']);
    expect(found('pacing')).toEqual(['note:n1', 'reflection:l1']);
    expect(found('fractions')).toEqual(['lesson:l1']);
    expect(() => run(`INSERT INTO search_refs (kind, ref_id) VALUES ('tag', 'x')`)).toThrow(/CHECK/);

    // Every trigger works on the rebuilt table, the clips' own among them (vowel marks folded, as elsewhere).
    run(
      `INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES ('c2', 'l1', 'سُؤالٌ مَفتوح', 0, 900, 1, 1)`,
    );
    expect(found('سؤال')).toEqual(['clip:c2']);
    run(`UPDATE clips SET name = 'Closing summary' WHERE id = 'c1'`);
    expect(found('opening')).toEqual([]);
    expect(found('closing')).toEqual(['clip:c1']);
    run(`DELETE FROM clips WHERE id = 'c2'`);
    expect(found('سؤال')).toEqual([]);
    run(`UPDATE notes SET deleted_at = 2 WHERE id = 'n1'`);
    expect(found('pacing')).toEqual(['reflection:l1']);
    run(`UPDATE lessons SET title = 'Decimals' WHERE id = 'l1'`);
    expect(found('decimals')).toEqual(['lesson:l1']);

    // A lesson's clips leave the index with it.
    run(`DELETE FROM lessons WHERE id = 'l1'`);
    expect(scratch.db.prepare('SELECT count(*) AS n FROM search_refs').get()).toEqual({ n: 0 });
    expect(scratch.db.prepare('SELECT count(*) AS n FROM search_fts').get()).toEqual({ n: 0 });
  });
});
