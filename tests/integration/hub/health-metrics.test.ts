import { rename } from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH, hubEndpoints } from '../../../common/hub-api';
import { adminQuery, HUB_DIALECT } from '../../support/hub-database';
import { call, createCommunity, lessonFields, op, pullAll, pushOk, signUp, startHub, type RunningHub } from './helpers';

/** One sample's value from the Prometheus text, or undefined when it is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('health and metrics', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.stop());

  it('counts pushed and pulled ops, requests by route and status, and open sockets', async () => {
    const lead = await signUp(hub, 'Counted');
    const communityId = (await createCommunity(hub, lead)).id;
    await pushOk(
      hub,
      lead,
      [1, 2, 3].map(() => op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead))),
    );
    await pullAll(hub, lead, communityId);
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}${EVENTS_PATH}`, { headers: { authorization: `Bearer ${lead.token}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    const res = await fetch(`${hub.url}${hubEndpoints.metrics.path}`);
    socket.close();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'hub_ops_pushed_total')).toBe(3);
    expect(sample(text, 'hub_ops_pulled_total')).toBe(3);
    // The community's log was read into this process's cache, and the page served from it.
    expect(sample(text, 'hub_pull_pages_total', '{from="memory"}')).toBe(1);
    expect(sample(text, 'hub_op_cache_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'hub_websockets_active')).toBe(1);
    expect(sample(text, 'hub_http_requests_total', `{route="${hubEndpoints.push.path}",method="POST",status="200"}`)).toBe(1);
    expect(sample(text, 'hub_http_received_bytes_total')).toBeGreaterThan(0);
    // The standard process metrics, under their usual names.
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('keeps metrics to this machine: a request through a proxy is refused', async () => {
    const res = await call(hub.url, 'GET', hubEndpoints.metrics.path, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
  });

  it('reports a blob store it cannot reach as unhealthy, and recovers with it', async () => {
    expect((await call(hub.url, 'GET', hubEndpoints.health.path)).body.checks).toEqual({ database: 'ok', blobStore: 'ok' });
    const blobs = path.join(hub.dataDir, 'blobs');
    await rename(blobs, `${blobs}.away`);
    const sick = await call(hub.url, 'GET', hubEndpoints.health.path);
    await rename(`${blobs}.away`, blobs);
    expect([sick.status, sick.body.code, sick.body.params]).toEqual([503, 'hub_unreachable', { unhealthy: 'blobStore' }]);
    expect((await call(hub.url, 'GET', hubEndpoints.health.path)).status).toBe(200);
  });

  it.runIf(HUB_DIALECT === 'postgres')(
    'answers 503, plainly, while its database refuses connections, and 200 again once it is back',
    async () => {
      const database = new URL(hub.databaseUrl!).pathname.slice(1);
      expect((await call(hub.url, 'GET', hubEndpoints.health.path)).status).toBe(200);
      // The database goes away for the hub: no new connections, and those it holds are ended.
      await adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      try {
        await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
        const res = await fetch(`${hub.url}${hubEndpoints.health.path}`);
        const text = await res.text();
        expect(res.status).toBe(503);
        expect(JSON.parse(text)).toMatchObject({ code: 'hub_unreachable', params: { unhealthy: 'database' } });
        expect(text).not.toMatch(/\s+at\s|node_modules|\.ts:/);
      } finally {
        await adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      }
      const deadline = Date.now() + 20_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) status = (await call(hub.url, 'GET', hubEndpoints.health.path)).status;
      expect(status).toBe(200);
    },
  );
});

describe('metrics with a token', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ metricsToken: 'a-long-enough-metrics-token' });
  });
  afterAll(() => hub.stop());

  it('answers only a request bearing the token', async () => {
    expect((await call(hub.url, 'GET', hubEndpoints.metrics.path)).status).toBe(401);
    const res = await call(hub.url, 'GET', hubEndpoints.metrics.path, {
      headers: { authorization: 'Bearer a-long-enough-metrics-token', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.status).toBe(200);
  });
});
