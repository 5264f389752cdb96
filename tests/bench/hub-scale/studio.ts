import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { hubEndpoints } from '../../../common/hub-api';
import type { LessonFields, NoteFields } from '../../../common/sync/entities';
import { createHlc, type Hlc } from '../../../common/sync/hlc';
import { PULL_MAX_LIMIT, type Op, type PullResponse, type PushResponse } from '../../../common/sync/ops';

const PASSWORD = 'correct horse battery';

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
    for (let attempt = 0; attempt < 10; attempt++) {
      const hub = this.nextHub();
      const started = performance.now();
      let res: Response;
      try {
        res = await fetch(`${hub}${route}`, {
          method,
          headers: {
            'x-forwarded-for': this.address,
            ...(this.token && { authorization: `Bearer ${this.token}` }),
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      } catch {
        // The connection was refused or cut: that process is gone; the same request goes to another.
        this.down.add(hub);
        this.log.retried += 1;
        continue;
      }
      let text: string;
      try {
        text = await res.text();
      } catch {
        this.down.add(hub);
        this.log.retried += 1;
        continue;
      }
      const ms = performance.now() - started;
      if (res.status >= 500) {
        // The studio tries again a moment later (core/sync retries a failed sync); counted, not hidden.
        this.log.serverErrors.push(`${res.status} ${text.slice(0, 200)}`);
        await sleep(250);
        continue;
      }
      if (!res.ok) throw new HubRefused(`${method} ${route} on ${hub}: ${res.status} ${text.slice(0, 300)}`);
      return { body: (text ? JSON.parse(text) : undefined) as T, ms };
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

  /** Pulls pages from `after` until the hub has nothing more, as the studio does (core/sync/pull.ts). */
  async pullToHead(communityId: string, after: string | undefined, onOps: (ops: PullResponse['ops']) => void): Promise<string | undefined> {
    let cursor = after;
    for (;;) {
      const query = new URLSearchParams({ community: communityId, limit: String(PULL_MAX_LIMIT), ...(cursor && { after: cursor }) });
      const { body, ms } = await this.request<PullResponse>('GET', `${hubEndpoints.pull.path}?${query}`);
      this.log.pull.push(ms);
      onOps(body.ops);
      cursor = body.cursor;
      if (!body.hasMore) return cursor;
    }
  }
}
