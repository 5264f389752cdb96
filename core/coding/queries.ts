import type { CodingScheme, SchemeSave } from '../../common/schemas/coding';
import type { Db } from '../db/open';

interface SchemeRow {
  id: string;
  name: string;
  updated_at: number;
}
interface CodeRow {
  id: string;
  scheme_id: string;
  name: string;
  color: string;
  key: number;
}

export function listUserSchemes(db: Db): CodingScheme[] {
  const schemes = db.prepare('SELECT id, name, updated_at FROM coding_schemes ORDER BY name COLLATE NOCASE, id').all() as SchemeRow[];
  const codes = db.prepare('SELECT * FROM codes ORDER BY key').all() as CodeRow[];
  return schemes.map((s) => ({
    id: s.id,
    name: s.name,
    builtIn: false,
    updatedAt: s.updated_at,
    codes: codes.filter((c) => c.scheme_id === s.id).map((c) => ({ id: c.id, name: c.name, color: c.color, key: c.key })),
  }));
}

export function userSchemeExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM coding_schemes WHERE id = ?').get(id) !== undefined;
}

/** Writes a scheme with exactly the given codes; codes keep their ids so coded notes keep their code. */
export function writeScheme(
  db: Db,
  s: { id: string; name: string; codes: Array<Required<SchemeSave['codes'][number]>> },
  now: number,
): void {
  db.prepare(
    `INSERT INTO coding_schemes (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  ).run(s.id, s.name, now, now);
  db.prepare('DELETE FROM codes WHERE scheme_id = ?').run(s.id);
  const insert = db.prepare('INSERT INTO codes (id, scheme_id, name, color, key) VALUES (?, ?, ?, ?, ?)');
  for (const c of s.codes) insert.run(c.id, s.id, c.name, c.color.toLowerCase(), c.key);
}

export function deleteScheme(db: Db, id: string): boolean {
  db.prepare('UPDATE lessons SET coding_scheme_id = NULL WHERE coding_scheme_id = ?').run(id);
  return db.prepare('DELETE FROM coding_schemes WHERE id = ?').run(id).changes > 0;
}

export function lessonSchemeId(db: Db, lessonId: string): string | null {
  const row = db.prepare('SELECT coding_scheme_id FROM lessons WHERE id = ?').get(lessonId) as
    { coding_scheme_id: string | null } | undefined;
  return row?.coding_scheme_id ?? null;
}

export function setLessonScheme(db: Db, lessonId: string, schemeId: string | null): void {
  db.prepare('UPDATE lessons SET coding_scheme_id = ? WHERE id = ?').run(schemeId, lessonId);
}
