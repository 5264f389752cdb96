import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { hubEndpoints, hubPath, type Community, type HubUser } from '../../../common/hub-api';
import type { Role } from '../../../common/permissions';
import type { LessonFields, NoteFields } from '../../../common/sync/entities';
import { createHlc, type Hlc } from '../../../common/sync/hlc';
import type { Op, PullResponse, PushResponse, PushResult } from '../../../common/sync/ops';
import { postgresConfig } from '../../../hub/db/postgres';
import { createHub, type Hub, type HubOptions } from '../../../hub/server';
import { HUB_DIALECT, scratchHubDatabase } from '../../support/hub-database';

/** A clock the test moves by hand; starts at the real time so HLC stamps look ordinary. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface RunningHub {
  hub: Hub;
  url: string;
  dataDir: string;
  /** Set when the hub runs on PostgreSQL. */
  databaseUrl: string | undefined;
  clock: TestClock;
  restart(options?: { abort?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** A real hub on 127.0.0.1 with a fresh data folder; `restart` keeps folder and port. */
export async function startHub(options: Partial<HubOptions> = {}): Promise<RunningHub> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'pc-hub-')));
  // Under the PostgreSQL project, each hub gets a database of its own, as each gets a folder.
  const scratch = HUB_DIALECT === 'postgres' && !options.databaseUrl ? await scratchHubDatabase() : undefined;
  const databaseUrl = options.databaseUrl ?? scratch?.url;
  const clock = new TestClock();
  const start = (port = 0) => createHub({ now: clock.now, ...options, dataDir, databaseUrl, port });
  const cleanUp = async () => {
    await scratch?.drop();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const first = await start().catch(async (err: unknown) => {
    await cleanUp();
    throw err;
  });
  const running: RunningHub = {
    hub: first,
    get url() {
      return this.hub.url;
    },
    dataDir,
    databaseUrl,
    clock,
    async restart({ abort = false } = {}) {
      const { port } = this.hub;
      await (abort ? this.hub.abort() : this.hub.close());
      this.hub = await start(port);
    },
    async stop() {
      await this.hub.close();
      await cleanUp();
    },
  };
  return running;
}

/** What the request helpers need of a hub: where it is, and the clock new devices stamp with. */
export type HubAddress = Pick<RunningHub, 'url' | 'clock'>;

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  hubUrl: string,
  method: string,
  route: string,
  { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const res = await fetch(`${hubUrl}${route}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
    headers: res.headers,
  };
}

export interface TestUser {
  email: string;
  token: string;
  user: HubUser;
  hlc: Hlc;
}

let userCounter = 0;

export async function signUp(hub: HubAddress, name = 'Teacher', extra: Record<string, unknown> = {}): Promise<TestUser> {
  userCounter += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, '')}${userCounter}-${uuidv7().slice(-6)}@school.example`;
  const res = await call(hub.url, 'POST', hubEndpoints.signUp.path, {
    body: { email, password: 'correct horse battery', displayName: name, ...extra },
  });
  if (res.status !== 202) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  // Sign-up never signs in (it must not tell a new email from a taken one); the studio signs in next.
  const session = await call(hub.url, 'POST', hubEndpoints.signIn.path, { body: { email, password: 'correct horse battery' } });
  if (session.status !== 200) throw new Error(`sign-in after sign-up failed: ${session.status} ${JSON.stringify(session.body)}`);
  return {
    email,
    token: session.body.token,
    user: session.body.user,
    hlc: createHlc(`dev-${session.body.user.id.slice(-12)}`, hub.clock.now),
  };
}

/**
 * Runs one statement on the running hub's own database (its SQLite file, opened beside it as WAL
 * allows, or its PostgreSQL database), to check or change what it stored. `?` marks parameters.
 */
export async function queryHub<T = Record<string, unknown>>(hub: RunningHub, text: string, ...params: unknown[]): Promise<T[]> {
  if (!hub.databaseUrl) {
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    try {
      const statement = db.prepare(text);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client(postgresConfig(hub.databaseUrl));
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        text.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[];
  } finally {
    await client.end();
  }
}

/** The same person signed in on another device: a session (and a clock) of its own. */
export async function anotherDevice(hub: HubAddress, person: TestUser): Promise<TestUser> {
  const res = await call(hub.url, 'POST', hubEndpoints.signIn.path, { body: { email: person.email, password: 'correct horse battery' } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...person, token: res.body.token, hlc: createHlc(`dev2-${person.user.id.slice(-12)}`, hub.clock.now) };
}

export async function createCommunity(hub: HubAddress, lead: TestUser, name = 'Maths teachers'): Promise<Community> {
  const res = await call(hub.url, 'POST', hubEndpoints.createCommunity.path, {
    token: lead.token,
    body: { name, description: 'Practice lessons', languages: ['en', 'ar'] },
  });
  if (res.status !== 201) throw new Error(`create community failed: ${res.status}`);
  return res.body.community;
}

export async function invite(hub: HubAddress, lead: TestUser, communityId: string, role: Role, extra: Record<string, unknown> = {}) {
  const res = await call(hub.url, 'POST', hubPath(hubEndpoints.createInvite.path, { communityId }), {
    token: lead.token,
    body: { role, ...extra },
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { code: string; link: string; invite: { id: string } };
}

export async function join(hub: HubAddress, user: TestUser, code: string): Promise<Reply> {
  return call(hub.url, 'POST', hubEndpoints.joinWithInvite.path, { token: user.token, body: { code } });
}

export async function addMember(hub: HubAddress, lead: TestUser, communityId: string, user: TestUser, role: Role): Promise<void> {
  const { code } = await invite(hub, lead, communityId, role);
  const res = await join(hub, user, code);
  if (res.status !== 200) throw new Error(`join failed: ${res.status}`);
}

export async function removeMember(hub: HubAddress, by: TestUser, communityId: string, userId: string): Promise<Reply> {
  return call(hub.url, 'DELETE', hubPath(hubEndpoints.removeMember.path, { communityId, userId }), { token: by.token });
}

export const SHA_A = 'a'.repeat(64);

export function lessonFields(owner: TestUser, overrides: Partial<LessonFields> = {}): LessonFields {
  return {
    ownerId: owner.user.id,
    title: 'Fractions with paper strips',
    description: 'Grade 4, first lesson of the unit',
    durationMs: 600_000,
    mediaKind: 'proxy',
    mediaSha: SHA_A,
    mediaBytes: 1_000_000,
    consent: { visibility: 'voices_only', onFile: true, durationDays: null },
    licence: 'cc_by',
    ...overrides,
  };
}

export function noteFields(lessonId: string, overrides: Partial<NoteFields> = {}): NoteFields {
  return { lessonId, kind: 'praise', startMs: 12_000, endMs: null, text: 'Lovely wait time here.', ...overrides };
}

/** A talk analysis of a lesson as its teacher shares it: two bands and their figures. */
export function talkFields(lessonId: string, owner: TestUser): Record<string, unknown> {
  const wait = { count: 1, medianMs: 2000, histogram: { under1s: 0, from1to3s: 1, from3to5s: 0, over5s: 0 } };
  return {
    lessonId,
    ownerId: owner.user.id,
    durationMs: 10_000,
    segments: [
      { startMs: 0, endMs: 4000, label: 'teacher', corrected: false },
      { startMs: 6000, endMs: 8000, label: 'student', corrected: false },
    ],
    figures: {
      teacherPct: 40,
      studentPct: 20,
      otherPct: 0,
      silencePct: 40,
      studentTurns: 1,
      waitTime1: wait,
      waitTime2: { ...wait, count: 0, medianMs: null, histogram: { ...wait.histogram, from1to3s: 0 } },
      longestTeacherMonologueMs: 4000,
    },
  };
}

/** Where a lesson shared blurred was blurred, as its teacher shares it: one drawn box that moves, one fixed region. */
export function blurFields(lessonId: string, owner: TestUser): Record<string, unknown> {
  return {
    lessonId,
    ownerId: owner.user.id,
    durationMs: 10_000,
    regions: [
      {
        id: uuidv7(),
        source: 'drawn',
        startMs: 1000,
        endMs: 6000,
        keys: [
          { t: 1000, x: 0.1, y: 0.2, w: 0.2, h: 0.3 },
          { t: 6000, x: 0.4, y: 0.2, w: 0.2, h: 0.3 },
        ],
      },
      { id: uuidv7(), source: 'fixed', startMs: 0, endMs: 10_000, keys: [{ t: 0, x: 0.7, y: 0.05, w: 0.25, h: 0.1 }] },
    ],
  };
}

export function op(
  author: TestUser,
  communityId: string,
  entity: Op['entity'],
  id: string,
  action: Op['action'],
  fields: Record<string, unknown> = {},
  hlc = author.hlc.tick(),
): Op {
  return { opId: uuidv7(), communityId, entity, id, action, fields: fields as Op['fields'], hlc, authorId: author.user.id };
}

export async function push(hub: HubAddress, user: TestUser, ops: unknown[]): Promise<Reply<PushResponse>> {
  return call<PushResponse>(hub.url, 'POST', hubEndpoints.push.path, { token: user.token, body: { ops } });
}

/** Pushes ops that must all be applied, returning their results. */
export async function pushOk(hub: HubAddress, user: TestUser, ops: Op[]): Promise<PushResult[]> {
  const res = await push(hub, user, ops);
  const failed = res.body.results?.find((r) => r.status === 'rejected');
  if (res.status !== 200 || failed) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.results;
}

export async function pull(
  hub: HubAddress,
  user: TestUser,
  community: string,
  after?: string,
  limit?: number,
): Promise<Reply<PullResponse>> {
  const query = new URLSearchParams({ community, ...(after && { after }), ...(limit && { limit: String(limit) }) });
  return call<PullResponse>(hub.url, 'GET', `${hubEndpoints.pull.path}?${query}`, { token: user.token });
}

/** Every op of a community, following cursors page by page. */
export async function pullAll(hub: HubAddress, user: TestUser, community: string, limit = 500) {
  const ops: PullResponse['ops'] = [];
  let after: string | undefined;
  for (;;) {
    const res = await pull(hub, user, community, after, limit);
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
    ops.push(...res.body.ops);
    after = res.body.cursor;
    if (!res.body.hasMore) return { ops, cursor: after };
  }
}
