import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_PUT_PATH } from '../../../hub/routes/bench-put';
import { signUp, startHub, type RunningHub } from './helpers';

const hubs: RunningHub[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.stop();
});

const put = (hub: RunningHub, token?: string) =>
  fetch(`${hub.url}${BENCH_PUT_PATH}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', ...(token && { authorization: `Bearer ${token}` }) },
    body: Buffer.alloc(1024 * 1024, 7),
  });

describe('the benchmark baseline PUT route', () => {
  it('does not exist unless the hub is started for benchmarks', async () => {
    const hub = await startHub();
    hubs.push(hub);
    expect((await put(hub, (await signUp(hub)).token)).status).toBe(404);
  });

  it('takes a streamed body from a signed-in account only', async () => {
    const hub = await startHub({ benchPut: true });
    hubs.push(hub);
    expect((await put(hub)).status).toBe(401);
    expect((await put(hub, (await signUp(hub)).token)).status).toBe(204);
  });
});
