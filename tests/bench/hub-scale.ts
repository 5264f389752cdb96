import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hubEndpoints } from '../../common/hub-api';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { tempDir } from '../support/web-shell';
import { communityOf, runTraffic, signUpStudios, type TrafficOptions } from './hub-scale/traffic';
import { writeResult } from './media-cache';
import { disposeDevices, syncTenThousandOps, type BenchDevices } from './sync';

/**
 * Issue 16: a hub of two processes on one PostgreSQL database under many studios at once.
 *
 * - `studios`: 200 simulated studios (accounts, each with its own session and HLC, members of one
 *   community) push 50 ops each in batches and pull everyone's, their requests alternating between
 *   the two processes; every studio must end with every op exactly once.
 * - `failover`: the same in a second community, with one process killed (SIGKILL) once half the ops
 *   are in; studios whose request is cut off send it again to the other process.
 * - `sqlite_vs_pg_ratio`: the sync bench's 10,000-op sync against a hub on SQLite and one on PostgreSQL.
 * - `s3_upload_ratio` (only with `--with-s3`): the s3-upload bench's figure.
 *
 * The hub processes trust 127.0.0.1 as their load balancer and each studio sends its own
 * X-Forwarded-For address, as schools behind a balancer would: the per-address sign-up limit (30 an
 * hour) is then counted per school, not for the whole bench.
 */
export interface HubScaleOptions {
  studios?: string | boolean | undefined;
  'with-s3'?: string | boolean | undefined;
  'pause-ms'?: string | boolean | undefined;
  /** `studios` runs only the 200-studio traffic, `ratio` only the SQLite/PostgreSQL sync, to study one figure. */
  only?: string | boolean | undefined;
}

const OPS_PER_STUDIO = 50;
const BATCHES = 5;
const DEFAULT_STUDIOS = 200;
/** The studio's own debounce between a change and its push (core/sync/service.ts). */
const DEFAULT_PAUSE_MS = 1500;

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** CPU seconds the hub processes (from their /metrics) and this process, the studios', have used so far. */
async function cpuSeconds(hubs: readonly HubProcess[]): Promise<{ hubs: number; studios: number }> {
  let total = 0;
  for (const hub of hubs) {
    const text = await (await fetch(`${hub.url}${hubEndpoints.metrics.path}`)).text();
    const line = text.split('\n').find((l) => l.startsWith('process_cpu_seconds_total '));
    total += Number(line?.split(' ')[1] ?? NaN);
  }
  const own = process.cpuUsage();
  return { hubs: total, studios: (own.user + own.system) / 1e6 };
}

async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url(name);
}

/** Two hub processes on one database and one media folder, started one after the other (the first migrates). */
async function startPair(work: string, databaseUrl: string): Promise<HubProcess[]> {
  const args = ['--database', databaseUrl, '--trust-proxy', '127.0.0.1'];
  const first = await startHubProcess(path.join(work, 'media'), 0, args);
  const second = await startHubProcess(path.join(work, 'media'), 0, args).catch(async (err: unknown) => {
    await first.stop();
    throw err;
  });
  return [first, second];
}

async function studiosAndFailover(work: string, cluster: PostgresCluster, count: number, pauseMs: number, withFailover: boolean) {
  const hubs = await startPair(work, await createDatabase(cluster, 'hub_scale'));
  try {
    const urls = hubs.map((h) => h.url);
    console.error(`signing up ${count} studios…`);
    const studios = await signUpStudios(count, urls, Date.now().toString(36));
    const traffic: TrafficOptions = { opsPerStudio: OPS_PER_STUDIO, batches: BATCHES, pauseMs };

    console.error('studios: pushing and pulling…');
    const load = { start: loadavg() };
    const communityId = await communityOf(studios, 'District schools');
    const cpuBefore = await cpuSeconds(hubs);
    const normal = await runTraffic(studios, communityId, traffic);
    const cpuAfter = await cpuSeconds(hubs);
    const studiosFigures = {
      studios: count,
      processes: hubs.length,
      ops_per_studio: OPS_PER_STUDIO,
      batches: BATCHES,
      pause_ms: pauseMs,
      ops: normal.ops,
      push_p50_ms: normal.push_p50_ms,
      push_p95_ms: normal.push_p95_ms,
      pull_p95_ms: normal.pull_p95_ms,
      ops_per_s: normal.ops_per_s,
      lost_ops: normal.lost_ops,
      duplicated_ops: normal.duplicated_ops,
      retried_requests: normal.retried_requests,
      server_errors: normal.server_errors,
      server_error_samples: normal.server_error_samples,
      // Where the machine's two cores went meanwhile (PostgreSQL had the rest).
      cpu_s: {
        hubs: Math.round((cpuAfter.hubs - cpuBefore.hubs) * 10) / 10,
        studios: Math.round((cpuAfter.studios - cpuBefore.studios) * 10) / 10,
      },
      loadavg: { ...load, end: loadavg() },
    };
    console.error(JSON.stringify(studiosFigures));
    if (!withFailover) return { studios: studiosFigures };

    console.error('failover: killing one process halfway…');
    const failLoad = { start: loadavg() };
    const victim = hubs[1]!;
    const failed = await runTraffic(studios, await communityOf(studios, 'District schools, failover'), {
      ...traffic,
      atHalf: () => void victim.stop('SIGKILL'),
    });
    const failover = {
      ops: failed.ops,
      failover_lost_ops: failed.lost_ops,
      failover_duplicated_ops: failed.duplicated_ops,
      failover_recovery_s: failed.recovery_s,
      retried_requests: failed.retried_requests,
      server_errors: failed.server_errors,
      server_error_samples: failed.server_error_samples,
      push_p95_ms: failed.push_p95_ms,
      ops_per_s: failed.ops_per_s,
      loadavg: { ...failLoad, end: loadavg() },
    };
    console.error(JSON.stringify(failover));
    return { studios: studiosFigures, failover };
  } finally {
    await Promise.all(hubs.map((h) => h.stop()));
  }
}

/** The sync bench's 10,000-op sync through a hub on SQLite, then through one on PostgreSQL. */
async function sqliteVsPg(work: string, cluster: PostgresCluster) {
  const times: Record<'sqlite' | 'pg', number> = { sqlite: 0, pg: 0 };
  for (const kind of ['sqlite', 'pg'] as const) {
    const dir = path.join(work, `sync-${kind}`);
    await fs.mkdir(dir, { recursive: true });
    const args = kind === 'pg' ? ['--database', await createDatabase(cluster, 'hub_sync')] : [];
    const hub = await startHubProcess(path.join(dir, 'hub'), 0, args);
    const owned: BenchDevices = { devices: [], remotes: [] };
    try {
      console.error(`sync of 10,000 ops on ${kind}…`);
      times[kind] = (await syncTenThousandOps(dir, hub.url, owned)).syncS;
    } finally {
      await disposeDevices(owned);
      await hub.stop();
    }
  }
  return {
    sqlite_vs_pg_ratio: Math.round((times.pg / times.sqlite) * 1000) / 1000,
    sync_sqlite_s: Math.round(times.sqlite * 100) / 100,
    sync_pg_s: Math.round(times.pg * 100) / 100,
  };
}

export async function run(options: HubScaleOptions = {}): Promise<Record<string, unknown>> {
  const count = Number(options.studios ?? DEFAULT_STUDIOS);
  const pauseMs = Number(options['pause-ms'] ?? DEFAULT_PAUSE_MS);
  if (!Number.isInteger(count) || count < 2) throw new Error('--studios takes a whole number of at least 2');
  if (!Number.isFinite(pauseMs) || pauseMs < 0) throw new Error('--pause-ms takes a number of milliseconds');
  if (options.only !== undefined && options.only !== 'studios' && options.only !== 'ratio')
    throw new Error('--only takes "studios" or "ratio"');
  const all = options.only === undefined;
  const machine = { node: process.version, cores: os.cpus().length, loadavg_start: loadavg() };
  const work = await tempDir('bench-hub-scale');
  const cluster = await startPostgresCluster();
  let figures: Record<string, unknown>;
  try {
    const scale = options.only === 'ratio' ? {} : await studiosAndFailover(work, cluster, count, pauseMs, all);
    const ratio = options.only === 'studios' ? {} : await sqliteVsPg(work, cluster);
    figures = { ...machine, ...scale, ...ratio };
  } finally {
    await cluster.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
  if (all && options['with-s3']) {
    console.error('s3 upload…');
    const { s3UploadRatio } = await import('./s3-upload');
    figures.s3_upload_ratio = (await s3UploadRatio()).s3_upload_ratio;
  }
  figures.loadavg_end = loadavg();
  // A partial run prints its figures but keeps the file of the last whole run.
  if (all) await writeResult('hub-scale', figures);
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { studios: { type: 'string' }, 'pause-ms': { type: 'string' }, 'with-s3': { type: 'boolean' }, only: { type: 'string' } },
  });
  console.log(JSON.stringify(await run(values), null, 2));
}
