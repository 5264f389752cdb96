import type { Statement } from 'better-sqlite3';
import type { CallOutput } from '../../common/contract';
import type { SearchHit } from '../../common/schemas/search';
import type { Db } from '../db/open';
import { matchQuery } from './match';
import { MATCH_CLOSE, MATCH_OPEN, splitSnippet } from './snippet';

interface HitRow {
  kind: 'lesson' | 'note' | 'reflection';
  ref_id: string;
  snip: string;
  lesson_id: string;
  lesson_title: string;
  parent_id: string | null;
  start_ms: number | null;
}

const SNIPPET_TOKENS = 14;

/** The bare FTS5 query: the best `limit` matches with their marked snippets (the benchmark's baseline). */
export const ftsSql = `
  SELECT rowid, rank, snippet(search_fts, -1, '${MATCH_OPEN}', '${MATCH_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snip
  FROM search_fts WHERE search_fts MATCH @match ORDER BY rank LIMIT @limit`;

/**
 * The ranked matches are found first, then only those few are joined to what they belong to: the
 * join never runs over every match of a common word.
 */
const hitsSql = `
  SELECT r.kind, r.ref_id, f.snip, l.id AS lesson_id, l.title AS lesson_title, n.parent_id, n.start_ms
  FROM (${ftsSql}) f
  JOIN search_refs r ON r.rowid = f.rowid
  LEFT JOIN notes n ON r.kind = 'note' AND n.id = r.ref_id
  JOIN lessons l ON l.id = CASE r.kind WHEN 'note' THEN n.lesson_id ELSE r.ref_id END
  ORDER BY f.rank`;

/** Searches come with every keystroke; preparing the statement once per database saves a parse each time. */
const prepared = new WeakMap<Db, Statement>();

/** One search over lesson titles and descriptions, notes, replies and reflections. */
export function searchAll(db: Db, args: { query: string; limit: number }): CallOutput<'search.query'> {
  const match = matchQuery(args.query);
  if (!match) return { hits: [] };
  let statement = prepared.get(db);
  if (!statement) prepared.set(db, (statement = db.prepare(hitsSql)));
  const rows = statement.all({ match, limit: args.limit }) as HitRow[];
  return { hits: rows.map(toHit) };
}

function toHit(r: HitRow): SearchHit {
  const isNote = r.kind === 'note';
  return {
    kind: isNote ? (r.parent_id ? 'reply' : 'note') : r.kind,
    lessonId: r.lesson_id,
    lessonTitle: r.lesson_title,
    noteId: isNote ? r.ref_id : null,
    atMs: isNote ? r.start_ms : null,
    snippet: splitSnippet(r.snip),
  };
}
