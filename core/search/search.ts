import type { CallOutput } from '../../common/contract';
import type { SearchHit } from '../../common/schemas/search';
import type { Db } from '../db/open';
import { matchQuery } from './match';
import { MATCH_CLOSE, MATCH_OPEN, splitSnippet } from './snippet';

interface HitRow {
  kind: 'lesson' | 'note' | 'reflection' | 'clip';
  ref_id: string;
  snip: string;
  lesson_id: string;
  lesson_title: string;
  parent_id: string | null;
  start_ms: number | null;
  clip_start_ms: number | null;
}

const SNIPPET_TOKENS = 14;

/**
 * The bare FTS5 query: the best `limit` matches with their marked snippets (the benchmark's baseline).
 * A word in a lesson's title weighs more than one in a long note. bm25() is called directly: the same
 * weights set as the table's `rank` cost half again as much per matching row.
 */
export const ftsSql = `
  SELECT rowid, bm25(search_fts, 4.0, 1.0) AS score, snippet(search_fts, -1, '${MATCH_OPEN}', '${MATCH_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snip
  FROM search_fts WHERE search_fts MATCH @match ORDER BY score LIMIT @limit`;

/**
 * Ranking costs about a microsecond per matching record, so a word in a tenth of 200,000 notes would
 * take tens of milliseconds to rank. Only the newest RANK_WINDOW matches are ranked: index rowids
 * grow as records are written, and FTS5 walks a rowid range without scoring it.
 */
const RANK_WINDOW = 5000;
const floorSql = `SELECT rowid FROM search_fts WHERE search_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`;
const windowedFtsSql = ftsSql.replace('MATCH @match', 'MATCH @match AND rowid >= @floor');

/**
 * The ranked matches are found first, then only those few are joined to what they belong to: the
 * join never runs over every match of a common word.
 */
const hitsSql = `
  SELECT r.kind, r.ref_id, f.snip, l.id AS lesson_id, l.title AS lesson_title, n.parent_id, n.start_ms, c.start_ms AS clip_start_ms
  FROM (${windowedFtsSql}) f
  JOIN search_refs r ON r.rowid = f.rowid
  LEFT JOIN notes n ON r.kind = 'note' AND n.id = r.ref_id
  LEFT JOIN clips c ON r.kind = 'clip' AND c.id = r.ref_id
  JOIN lessons l ON l.id = CASE r.kind WHEN 'note' THEN n.lesson_id WHEN 'clip' THEN c.lesson_id ELSE r.ref_id END
  ORDER BY f.score`;

/**
 * One search over lesson titles and descriptions, notes, replies, reflections and clip names. The words as typed
 * are looked up first; only when they find too few does the last word count as a prefix, which costs
 * FTS5 about three times as much per match.
 */
export function searchAll(db: Db, args: { query: string; limit: number }): CallOutput<'search.query'> {
  const exact = matchQuery(args.query, false);
  const prefixed = matchQuery(args.query, true);
  if (!exact || !prefixed) return { hits: [] };
  // Searches come with every keystroke: db.prepare hands back the statements compiled the first time.
  const floor = (match: string) => (db.prepare(floorSql).get({ match }) as { rowid: number } | undefined)?.rowid ?? 0;
  const find = (match: string) => db.prepare(hitsSql).all({ match, floor: floor(match), limit: args.limit }) as HitRow[];
  let rows = find(exact);
  if (rows.length < args.limit) rows = find(prefixed);
  return { hits: rows.map(toHit) };
}

function toHit(r: HitRow): SearchHit {
  const isNote = r.kind === 'note';
  const isClip = r.kind === 'clip';
  return {
    kind: isNote ? (r.parent_id ? 'reply' : 'note') : r.kind,
    lessonId: r.lesson_id,
    lessonTitle: r.lesson_title,
    noteId: isNote ? r.ref_id : null,
    clipId: isClip ? r.ref_id : null,
    atMs: isNote ? r.start_ms : isClip ? r.clip_start_ms : null,
    snippet: splitSnippet(r.snip),
  };
}
