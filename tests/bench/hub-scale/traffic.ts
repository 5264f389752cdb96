import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { hubEndpoints, hubPath } from '../../../common/hub-api';
import type { Op } from '../../../common/sync/ops';
import { percentile } from '../media-cache';
import { SimStudio, type RequestLog } from './studio';

export interface TrafficOptions {
  /** Ops each studio pushes, in `batches` pushes. */
  opsPerStudio: number;
  batches: number;
  /** Each studio waits a random 0..2×pauseMs before each of its pushes, and between polls once done. */
  pauseMs: number;
  /** Called once, when half of all ops have been applied (the failover run kills a process there). */
  atHalf?: () => void;
}

export interface TrafficFigures {
  ops: number;
  push_p50_ms: number;
  push_p95_ms: number;
  pull_p95_ms: number;
  ops_per_s: number;
  lost_ops: number;
  duplicated_ops: number;
  retried_requests: number;
  server_errors: number;
  /** The first few distinct 5xx answers. */
  server_error_samples: string[];
  /** Seconds from `atHalf` until every studio had finished a sync round begun after it. */
  recovery_s: number | null;
}

/** Makes the studios' accounts: sign-up and sign-in, a few at a time (each costs an argon2id hash). */
export async function signUpStudios(count: number, hubs: readonly string[], runId: string): Promise<SimStudio[]> {
  const studios = Array.from({ length: count }, (_, i) => new SimStudio(i, hubs, { push: [], pull: [], retried: 0, serverErrors: [] }));
  const queue = [...studios];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) await s.signUp(runId);
    }),
  );
  return studios;
}

/** A community led by the first studio, every other studio a member through one invite. */
export async function communityOf(studios: readonly SimStudio[], name: string): Promise<string> {
  const [lead, ...others] = studios;
  const { body } = await lead!.request<{ community: { id: string } }>('POST', hubEndpoints.createCommunity.path, {
    name,
    description: 'Schools of the district',
    languages: ['en'],
  });
  const communityId = body.community.id;
  const invite = await lead!.request<{ code: string }>('POST', hubPath(hubEndpoints.createInvite.path, { communityId }), {
    role: 'member',
    maxUses: null,
  });
  for (const s of others) await s.request('POST', hubEndpoints.joinWithInvite.path, { code: invite.body.code });
  return communityId;
}

/**
 * Every studio pushes its ops in batches, pulling after each push from its cursor, then keeps polling
 * until every studio's pushes have been answered and it has pulled once more. Each studio counts how
 * often it received each op: at the end each must hold every op exactly once.
 */
export async function runTraffic(studios: readonly SimStudio[], communityId: string, options: TrafficOptions): Promise<TrafficFigures> {
  for (const s of studios) s.log.push.length = s.log.pull.length = s.log.retried = s.log.serverErrors.length = 0;
  const plans = studios.map((s) => s.makeOps(communityId, options.opsPerStudio));
  const index = new Map<string, number>();
  const owner: number[] = [];
  for (const [s, plan] of plans.entries()) {
    for (const op of plan) {
      index.set(op.opId, index.size);
      owner.push(s);
    }
  }
  const total = index.size;
  const received = studios.map(() => new Uint8Array(total));
  const strangers = studios.map(() => 0);

  let applied = 0;
  let half: number | null = null;
  let pushing = studios.length;
  const recoveredAt: Array<number | null> = studios.map(() => null);

  const started = performance.now();
  const life = async (s: SimStudio, plan: Op[]) => {
    let cursor: string | undefined;
    const count = (opIds: string[]) => {
      for (const opId of opIds) {
        const i = index.get(opId);
        if (i === undefined) strangers[s.index]! += 1;
        else received[s.index]![i]! += 1;
      }
    };
    const round = async (ops: Op[]) => {
      const begun = performance.now();
      if (ops.length) {
        // Not `applied += await …`: that would add to the value read before the await, losing other studios' pushes.
        const answered = await s.push(ops);
        applied += answered;
        if (half === null && applied >= total / 2) {
          half = performance.now();
          options.atHalf?.();
        }
      }
      cursor = await s.pullToHead(communityId, cursor, count);
      if (half !== null && begun >= half && recoveredAt[s.index] === null) recoveredAt[s.index] = performance.now();
    };
    const per = Math.ceil(plan.length / options.batches);
    for (let b = 0; b < plan.length; b += per) {
      await sleep(Math.random() * 2 * options.pauseMs);
      await round(plan.slice(b, b + per));
    }
    pushing -= 1;
    for (;;) {
      const last = pushing === 0;
      await round([]);
      if (last) return;
      await sleep(Math.random() * 2 * options.pauseMs);
    }
  };
  await Promise.all(studios.map((s, i) => life(s, plans[i]!)));
  const seconds = (performance.now() - started) / 1000;

  // A studio holds its own ops from the moment the hub acknowledged them (a push that failed threw):
  // resuming from a cursor, the hub leaves out what the device pushed itself, so pulls bring back
  // only the first batch (pulled without a cursor). Every other studio's op must arrive exactly once.
  let lost = 0;
  let duplicated = 0;
  for (const [s, counts] of received.entries()) {
    for (const [i, n] of counts.entries()) {
      const own = owner[i] === s;
      if (n === 0 && !own) lost += 1;
      else if (n > 1) duplicated += n - 1;
    }
    duplicated += strangers[s]!;
  }
  const logs: RequestLog[] = studios.map((s) => s.log);
  const pushes = logs.flatMap((l) => l.push);
  const pulls = logs.flatMap((l) => l.pull);
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    ops: total,
    push_p50_ms: round1(percentile(pushes, 50)),
    push_p95_ms: round1(percentile(pushes, 95)),
    pull_p95_ms: round1(percentile(pulls, 95)),
    ops_per_s: Math.round(total / seconds),
    lost_ops: lost,
    duplicated_ops: duplicated,
    retried_requests: logs.reduce((n, l) => n + l.retried, 0),
    server_errors: logs.reduce((n, l) => n + l.serverErrors.length, 0),
    server_error_samples: [...new Set(logs.flatMap((l) => l.serverErrors))].slice(0, 3),
    recovery_s:
      half === null || recoveredAt.some((t) => t === null) ? null : round1((Math.max(...(recoveredAt as number[])) - half) / 1000),
  };
}
