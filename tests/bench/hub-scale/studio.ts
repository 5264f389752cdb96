import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { hubEndpoints } from '../../../common/hub-api';
import type { LessonFields, NoteFields } from '../../../common/sync/entities';
import { createHlc, type Hlc } from '../../../common/sync/hlc';
import { PULL_MAX_LIMIT, type Op, type PullResponse, type PushResponse } from '../../../common/sync/ops';

const PASSWORD = 'correct horse battery';

/**
 * The 200 studios share this one process and its two cores with the hubs and the database, so they
 * talk HTTP as cheaply as Node can: node:http on kept-alive connections rather than fetch, whose web
 * streams and abort signals cost this process about as much CPU as the hub spends answering.
 */
const agent = new http.Agent({ keepAlive: true });

/** One HTTP exchange; rejects when the connection is refused or cut before the whole answer came. */
function exchange(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: { ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          res.complete ? resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }) : reject(new Error('answer cut off')),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * What the bench needs of a pull page, read from its bytes without decoding or parsing each op: the
 * op ids (a key can appear unescaped in JSON text only as a key, and no op's fields have one named
 * opId) and the page's tail, which the hub writes last (hub/sync/pull.ts). Decoding every page to a
 * string had cost this process about a third of its CPU, taken from the hubs it measures. A page in any
 * other shape is parsed whole.
 */
const OP_ID_KEY = Buffer.from('"opId":"');
const QUOTE = '"'.charCodeAt(0);

function scanPullPage(bytes: Buffer): { opIds: string[]; cursor: string | undefined; hasMore: boolean } {
  const tail = /\],"cursor":("(?:[^"\\]|\\.)*"),"hasMore":(true|false),"hubTime":\d+\}$/.exec(
    bytes.toString('utf8', Math.max(0, bytes.length - 400)),
  );
  if (!tail) {
    const page = JSON.parse(bytes.toString('utf8')) as PullResponse;
    return { opIds: page.ops.map((op) => op.opId), cursor: page.cursor, hasMore: page.hasMore };
  }
  const opIds: string[] = [];
  for (let at = bytes.indexOf(OP_ID_KEY); at !== -1; at = bytes.indexOf(OP_ID_KEY, at + OP_ID_KEY.length)) {
    const start = at + OP_ID_KEY.length;
    opIds.push(bytes.toString('utf8', start, bytes.indexOf(QUOTE, start)));
  }
  return { opIds, cursor: JSON.parse(tail[1]!) as string, hasMore: tail[2] === 'true' };
}

/** Answered with an HTTP status the bench did not expect: not retried elsewhere, the run fails. */
class HubRefused extends Error {}

/** Times of one studio's requests, in ms, and how many were cut off and sent again to the other process. */
export interface RequestLog {
  push: number[];
  pull: number[];
  retried: number;
  /** Answers of 500 and above (the request was sent again). */
  serverErrors: string[];
}

/**
 * One simulated studio: a signed-in account with its own device (session and HLC), talking to any of
 * the hub processes, one request here and the next there, as behind a load balancer. A request whose
 * connection fails (its process died) goes to the next process, and that process is not tried again.
 */
export class SimStudio {
  token = '';
  userId = '';
  readonly hlc: Hlc;
  private turn: number;
  private readonly down = new Set<string>();

  constructor(
    readonly index: number,
    private readonly hubs: readonly string[],
    readonly log: RequestLog,
  ) {
    this.turn = index;
    this.hlc = createHlc(`studio-${index}`, Date.now);
  }

  /** Each studio its own address (RFC 2544's benchmark range), named by the balancer the hubs trust. */
  get address(): string {
    return `198.18.${this.index >> 8}.${this.index & 255}`;
  }

  async request<T>(method: string, route: string, body?: unknown): Promise<{ body: T; ms: number }> {
    const { bytes, ms } = await this.requestBytes(method, route, body);
    return { body: (bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined) as T, ms };
  }

  /** Sends a request to the next live process; answers the body's text and how long the exchange took. */
  async requestBytes(method: string, route: string, body?: unknown): Promise<{ bytes: Buffer; ms: number }> {
    const headers: Record<string, string> = {
      'x-forwarded-for': this.address,
      ...(this.token && { authorization: `Bearer ${this.token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 0; attempt < 10; attempt++) {
      const hub = this.nextHub();
      const started = performance.now();
      let answer: { status: number; bytes: Buffer };
      try {
        answer = await exchange(`${hub}${route}`, method, headers, payload);
      } catch (err) {
        // Refused: that process is gone. Cut off (a reset): it died mid-answer, or a kept-alive
        // connection was closed as it was reused; the next attempt goes to another process, and one
        // to this process again would be refused if it is gone. Either way the request is sent again.
        if ((err as { code?: string }).code === 'ECONNREFUSED') this.down.add(hub);
        this.log.retried += 1;
        continue;
      }
      const ms = performance.now() - started;
      if (answer.status >= 500) {
        // The studio tries again a moment later (core/sync retries a failed sync); counted, not hidden.
        this.log.serverErrors.push(`${answer.status} ${answer.bytes.toString('utf8', 0, 200)}`);
        await sleep(250);
        continue;
      }
      if (answer.status >= 300) {
        throw new HubRefused(`${method} ${route} on ${hub}: ${answer.status} ${answer.bytes.toString('utf8', 0, 300)}`);
      }
      return { bytes: answer.bytes, ms };
    }
    throw new Error(`studio ${this.index}: no hub process answered ${method} ${route}`);
  }

  private nextHub(): string {
    for (let i = 0; i < this.hubs.length; i++) {
      const hub = this.hubs[this.turn++ % this.hubs.length]!;
      if (!this.down.has(hub)) return hub;
    }
    throw new Error(`studio ${this.index}: every hub process is down`);
  }

  async signUp(runId: string): Promise<void> {
    const email = `studio${this.index}-${runId}@school.example`;
    await this.request('POST', hubEndpoints.signUp.path, { email, password: PASSWORD, displayName: `Studio ${this.index}` });
    const { body } = await this.request<{ token: string; user: { id: string } }>('POST', hubEndpoints.signIn.path, {
      email,
      password: PASSWORD,
    });
    this.token = body.token;
    this.userId = body.user.id;
  }

  /** What this studio's teacher shares in a community: one lesson, then notes on it, `count` ops in all. */
  makeOps(communityId: string, count: number): Op[] {
    const lessonId = uuidv7();
    const lesson: LessonFields = {
      ownerId: this.userId,
      title: `Fractions with paper strips (${this.index})`,
      description: 'Grade 4, first lesson of the unit',
      durationMs: 600_000,
      mediaKind: 'proxy',
      mediaSha: 'a'.repeat(64),
      mediaBytes: 48_000_000,
      consent: { visibility: 'voices_only', onFile: true, durationDays: null },
      licence: 'cc_by',
    };
    const ops: Op[] = [this.op(communityId, 'lesson', lessonId, lesson as unknown as Op['fields'])];
    for (let i = 1; i < count; i++) {
      // As the studio sends a note (core/sync/local-changes.ts, syncNoteChange).
      const note: NoteFields = {
        lessonId,
        kind: 'observation',
        startMs: (i * 7_919) % 600_000,
        endMs: null,
        text: `Note ${i}: students explain their strip to a partner before folding.`,
        codeId: null,
        parentId: null,
      };
      ops.push(this.op(communityId, 'note', uuidv7(), note as unknown as Op['fields']));
    }
    return ops;
  }

  private op(communityId: string, entity: Op['entity'], id: string, fields: Op['fields']): Op {
    return { opId: uuidv7(), communityId, entity, id, action: 'upsert', fields, hlc: this.hlc.tick(), authorId: this.userId };
  }

  /** Pushes a batch; answers how many ops the hub applied (or had applied before). */
  async push(ops: Op[]): Promise<number> {
    const { body, ms } = await this.request<PushResponse>('POST', hubEndpoints.push.path, { ops });
    this.log.push.push(ms);
    const rejected = body.results.find((r) => r.status === 'rejected');
    if (rejected) throw new HubRefused(`studio ${this.index}: op rejected: ${JSON.stringify(rejected)}`);
    return body.results.length;
  }

  /** Pulls pages from `after` until the hub has nothing more, as the studio does (core/sync/pull.ts); hands on each page's op ids. */
  async pullToHead(communityId: string, after: string | undefined, onOps: (opIds: string[]) => void): Promise<string | undefined> {
    let cursor = after;
    for (;;) {
      const query = new URLSearchParams({ community: communityId, limit: String(PULL_MAX_LIMIT), ...(cursor && { after: cursor }) });
      const { bytes, ms } = await this.requestBytes('GET', `${hubEndpoints.pull.path}?${query}`);
      this.log.pull.push(ms);
      const page = scanPullPage(bytes);
      onOps(page.opIds);
      cursor = page.cursor;
      if (!page.hasMore) return cursor;
    }
  }
}
