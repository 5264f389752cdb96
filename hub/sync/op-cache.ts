import { sql, type RawBuilder } from 'kysely';
import { withoutFirstChar } from '../db/dialect';
import type { HubDb } from '../db/open';
import { sideBySide } from './op-json';

/** An op row's JSON text with its seq in front, `{"seq":n,…}`, as pull pages hold it. */
export function pageText(db: HubDb): RawBuilder<string> {
  return sql<string>`'{"seq":' || CAST(seq AS text) || ',' || ${withoutFirstChar(db, sql`op`)}`;
}

/** One op of the log as pull pages show it. */
export interface LogOp {
  seq: number;
  /**
   * The op's JSON text with its seq in front, `{"seq":n,…}`, as a page holds it, in UTF-8: encoded
   * once when read, so a page is bytes joined, not a string to join, measure and encode again for
   * every studio that pulls it. The ops of one read lie side by side in one buffer, a comma apart, so
   * that a run of them goes into a page as one slice (op-json.ts).
   */
  json: Buffer;
  entity: string;
  authorId: string;
  pushedBy: string | null;
}

interface HeldOp extends LogOp {
  /** `entity|record id`, so the record's tombstone can drop its earlier ops. */
  record: string;
  /** Deleted from the log by a later tombstone: never shown again, left out when the array is compacted. */
  purged: boolean;
}

/** What a page read from the cache holds, before its ops are filtered for the viewer. */
export interface HeldPage {
  ops: LogOp[];
  /** The page's last seq, shown or not (null when it is empty). */
  last: number | null;
  hasMore: boolean;
}

/** The ops of one community this process holds: every op of its log with `floor < seq <= covered`. */
class CommunityLog {
  ops: HeldOp[] = [];
  /** Whether the first read (the community's newest ops) has been made. */
  loaded = false;
  floor = 0;
  covered = 0;
  byRecord = new Map<string, HeldOp[]>();
  bytes = 0;
  purged = 0;
  /** A read in progress that brings `covered` up to the log's head. */
  reading: Promise<void> | null = null;
}

/** Rows one read takes at most: a process far behind catches up in several reads, not one huge one. */
const READ_ROWS = 5_000;
/** The newest ops of a community read when a process first serves it (all of them in a smaller one). */
const FIRST_ROWS = 20_000;
/** Bytes of held ops' JSON across all communities. */
const DEFAULT_BUDGET = 64 * 1024 * 1024;
/** What each held op costs besides its JSON (its fields, its place in the arrays and the record index). */
const OVERHEAD = 200;

type Row = {
  head: string | number;
  seq: number | null;
  entity: string;
  record_id: string;
  action: string;
  author_id: string;
  pushed_by: string | null;
  text: string;
};

/**
 * The tail of each community's op log, kept in this process's memory, so that when many studios pull
 * the same new ops each op is read from the database once per process, not once per studio per page.
 *
 * It is exact, not merely recent, because the op log is append-only but for one thing: seqs are taken
 * in commit order without gaps (seq.ts), so whatever one statement sees of the log is everything up to
 * the counter it sees in the same snapshot. A read therefore brings the cache's `covered` mark up to the
 * counter it read with the ops. The one change to stored ops is a record's tombstone, which deletes the
 * record's earlier ops in the transaction that appends it (tombstones.ts): reading the tombstone, the
 * cache drops those ops too. Before a page is served from memory the cache is brought up to the head
 * seq the request read with its session, so it has applied every tombstone committed before then, as
 * a read of the database would have.
 *
 * Memory is bounded: past the budget, the least recently pulled community is dropped, then the oldest
 * ops of the one being read; a cursor older than what is held is answered by the database. (The ops
 * of one read share a buffer, freed with the last of them, so a community may hold up to one read's
 * bytes, 5,000 ops or 20,000 for its first, beyond what it counts.)
 */
export class OpCache {
  private readonly logs = new Map<string, CommunityLog>();
  private bytes = 0;

  constructor(
    private readonly db: HubDb,
    private readonly budget = DEFAULT_BUDGET,
  ) {}

  /**
   * The page after `after` (up to `limit` ops), once the cache holds every op up to seq `head`; null
   * when it does not hold the ops right after `after` (an older cursor), so the database must answer.
   * `read` runs each database read (the pull gate).
   */
  async page(
    community: string,
    after: number,
    limit: number,
    head: number,
    read: (work: () => Promise<void>) => Promise<void>,
  ): Promise<HeldPage | null> {
    let log = this.logs.get(community);
    if (!log) {
      log = new CommunityLog();
      this.logs.set(community, log);
    }
    while (!log.loaded || log.covered < head) {
      await this.catchUp(community, log, read);
      // Dropped meanwhile (the budget, or a log that went back): the database answers.
      if (this.logs.get(community) !== log) return null;
    }
    if (after < log.floor) return null;
    // Most recently pulled last, so the budget drops the community pulled longest ago.
    this.logs.delete(community);
    this.logs.set(community, log);
    return pageOf(log.ops, after, limit);
  }

  /** One read that brings `covered` closer to the head, shared by every request waiting for it. */
  private catchUp(community: string, log: CommunityLog, read: (work: () => Promise<void>) => Promise<void>): Promise<void> {
    log.reading ??= read(async () => {
      const rows = log.loaded ? await this.after(community, log.covered) : await this.newest(community);
      this.take(community, log, rows);
    }).finally(() => {
      log.reading = null;
    });
    return log.reading;
  }

  /** The community's newest ops, oldest first, with the counter seen with them. */
  private async newest(community: string): Promise<Row[]> {
    const rows = await this.select(community, null, FIRST_ROWS);
    return rows.reverse();
  }

  private after(community: string, seq: number): Promise<Row[]> {
    return this.select(community, seq, READ_ROWS);
  }

  /**
   * Ops and the counter in one statement, so they come from one snapshot: every op up to the counter
   * seen is among what the statement sees. `after` null reads the newest `limit`, newest first.
   */
  private async select(community: string, after: number | null, limit: number): Promise<Row[]> {
    const order = after === null ? sql`DESC` : sql`ASC`;
    const from = after === null ? sql`1 = 1` : sql`seq > ${after}`;
    const { rows } = await sql<Row>`
      SELECT h.value AS head, o.seq, o.entity, o.record_id, o.action, o.author_id, o.pushed_by, o.text
      FROM hub_meta h LEFT JOIN (
        SELECT seq, entity, record_id, action, author_id, pushed_by,
          ${pageText(this.db)} AS text
        FROM ops WHERE community_id = ${community} AND ${from} ORDER BY seq ${order} LIMIT ${limit}
      ) o ON 1 = 1
      WHERE h.key = 'seq' ORDER BY o.seq ${order}`.execute(this.db);
    return rows;
  }

  /** Appends what a read found, applies its tombstones, and moves the marks. */
  private take(community: string, log: CommunityLog, rows: Row[]): void {
    const head = Number(rows[0]?.head ?? 0);
    if (head < log.covered) {
      // The counter went back: a hub restored from an older backup. Nothing held can be trusted.
      this.drop(community, log);
      return;
    }
    const first = !log.loaded;
    const ops = rows.filter((r) => r.seq !== null);
    const full = ops.length === (first ? FIRST_ROWS : READ_ROWS);
    const fresh = ops.filter((row) => Number(row.seq) > log.covered);
    const batch = sideBySide(fresh.map((row) => row.text));
    for (const [i, row] of fresh.entries()) {
      const record = `${row.entity}|${row.record_id}`;
      if (row.action === 'delete') this.purge(log, record);
      const op: HeldOp = {
        seq: Number(row.seq),
        json: batch[i]!,
        entity: row.entity,
        authorId: row.author_id,
        pushedBy: row.pushed_by,
        record,
        purged: false,
      };
      log.ops.push(op);
      const earlier = log.byRecord.get(record);
      if (earlier) earlier.push(op);
      else log.byRecord.set(record, [op]);
      this.count(log, op, 1);
    }
    if (first) log.floor = full ? Number(ops[0]!.seq) - 1 : 0;
    log.loaded = true;
    // A read of the ops after a seq that stopped at its row limit covers only up to its last op; any
    // other read, up to the counter (the first read takes the newest ops).
    log.covered = full && !first ? Number(ops[ops.length - 1]!.seq) : head;
    this.fit(community, log);
  }

  /** A tombstone: the log no longer holds the record's earlier ops. */
  private purge(log: CommunityLog, record: string): void {
    for (const op of log.byRecord.get(record) ?? []) {
      if (op.purged) continue;
      op.purged = true;
      log.purged += 1;
      this.count(log, op, -1);
    }
    log.byRecord.delete(record);
    if (log.purged > 1_000 && log.purged > log.ops.length / 2) {
      log.ops = log.ops.filter((op) => !op.purged);
      log.purged = 0;
    }
  }

  private count(log: CommunityLog, op: HeldOp, sign: 1 | -1): void {
    const size = sign * (op.json.length + OVERHEAD);
    log.bytes += size;
    this.bytes += size;
  }

  /** Keeps within the budget: other communities first, least recently pulled first, then this one's oldest ops. */
  private fit(community: string, log: CommunityLog): void {
    for (const [other, held] of this.logs) {
      if (this.bytes <= this.budget) return;
      if (other !== community) this.drop(other, held);
    }
    if (this.bytes <= this.budget) return;
    const keep = this.budget * 0.75;
    let cut = 0;
    while (cut < log.ops.length && this.bytes > keep) {
      const op = log.ops[cut]!;
      if (!op.purged) this.count(log, op, -1);
      else log.purged -= 1;
      const same = log.byRecord.get(op.record);
      if (same?.[0] === op) {
        same.shift();
        if (same.length === 0) log.byRecord.delete(op.record);
      }
      cut += 1;
    }
    if (cut > 0) log.floor = log.ops[cut - 1]!.seq;
    log.ops = log.ops.slice(cut);
  }

  private drop(community: string, log: CommunityLog): void {
    this.bytes -= log.bytes;
    this.logs.delete(community);
  }

  /** How much the cache holds, in the units of its budget. */
  get heldBytes(): number {
    return this.bytes;
  }
}

/** The next `limit` ops after seq `after` (purged ones are not there), and whether more follow. */
function pageOf(ops: readonly HeldOp[], after: number, limit: number): HeldPage {
  let lo = 0;
  let hi = ops.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ops[mid]!.seq <= after) lo = mid + 1;
    else hi = mid;
  }
  const page: LogOp[] = [];
  let i = lo;
  for (; i < ops.length && page.length < limit; i += 1) {
    if (!ops[i]!.purged) page.push(ops[i]!);
  }
  while (i < ops.length && ops[i]!.purged) i += 1;
  return { ops: page, last: page.at(-1)?.seq ?? null, hasMore: i < ops.length };
}
