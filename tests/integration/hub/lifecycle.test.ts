import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { hubEndpoints, hubPath, TUS_PATH } from '../../../common/hub-api';
import { call, createCommunity, signUp, startHub } from './helpers';
import { sha256 } from './tus';

describe('hub process', () => {
  it('starts from the command line with no other setup, prints its URL, and stops on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pc-hub-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/cli.ts', '--port', '0', '--data', dataDir], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [line] = (await once(lines, 'line')) as [string];
      const url = /^Practice Circle hub listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      expect(url).toBeDefined();
      const health = await call(url!, 'GET', hubEndpoints.health.path);
      expect(health.body).toMatchObject({ ok: true });
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('keeps what arrived of an upload whose studio went away mid-request, and still closes at once', async () => {
    const running = await startHub();
    try {
      const lead = await signUp(running, 'Lead');
      const communityId = (await createCommunity(running, lead)).id;
      const bytes = randomBytes(2 * 1024 * 1024);
      const metadata = Object.entries({ sha256: sha256(bytes), communityId, filename: 'a.mp4', type: 'video/mp4' })
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(',');
      const created = await call(running.url, 'POST', TUS_PATH, {
        token: lead.token,
        headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': metadata },
      });
      const location = created.headers.get('location')!;
      const patch = http.request(`${running.url}${location}`, {
        method: 'PATCH',
        agent: false,
        headers: {
          authorization: `Bearer ${lead.token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(bytes.length),
        },
      });
      patch.on('error', () => undefined);
      patch.write(bytes.subarray(0, bytes.length / 2));
      const partFile = path.join(running.dataDir, 'uploads', location.split('/').pop()!);
      while ((await stat(partFile)).size < bytes.length / 4) await new Promise((resolve) => setImmediate(resolve));
      // The studio is killed: its connection ends in the middle of the body.
      patch.destroy();

      const offset = async () =>
        Number(
          (await call(running.url, 'HEAD', location, { token: lead.token, headers: { 'tus-resumable': '1.0.0' } })).headers.get(
            'upload-offset',
          ),
        );
      await expect.poll(offset).toBeGreaterThan(0);
      expect(await offset()).toBeLessThanOrEqual(bytes.length / 2);

      // A PATCH at the wrong offset is refused before its body is read, on a connection kept alive.
      const agent = new http.Agent({ keepAlive: true });
      const conflict = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${running.url}${location}`, {
          method: 'PATCH',
          agent,
          headers: {
            authorization: `Bearer ${lead.token}`,
            'tus-resumable': '1.0.0',
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
            'content-length': String(bytes.length),
          },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end(bytes);
      });
      expect(conflict).toBe(409);
      // Nothing is left hanging for a graceful close to wait on, even with that connection still open.
      await running.hub.close();
      agent.destroy();
    } finally {
      await running.stop();
    }
  }, 20_000);

  it('closes at once when a client holds connections open without a request under way', async () => {
    const running = await startHub();
    const { port } = running.hub;
    try {
      // One connection opened ahead of a request that never came (a studio that closed meanwhile)...
      const fresh = net.connect(port, '127.0.0.1');
      await once(fresh, 'connect');
      // ...and one kept alive after its answer.
      const agent = new http.Agent({ keepAlive: true });
      const health = http.get(`${running.url}${hubEndpoints.health.path}`, { agent });
      const [answered] = (await once(health, 'response')) as [http.IncomingMessage];
      const kept = answered.socket;
      answered.resume();
      await once(answered, 'end');
      expect(answered.statusCode).toBe(200);
      expect(kept.destroyed).toBe(false);

      const ended = [once(fresh, 'close'), once(kept, 'close')];
      await running.hub.close();
      await Promise.all(ended);
      agent.destroy();
    } finally {
      await running.stop();
    }
  }, 10_000);

  it('lets an upload in flight finish when closing, and keeps what it wrote', async () => {
    const running = await startHub();
    try {
      const lead = await signUp(running, 'Lead');
      const communityId = (await createCommunity(running, lead)).id;
      const bytes = randomBytes(2 * 1024 * 1024);
      const metadata = Object.entries({ sha256: sha256(bytes), communityId, filename: 'a.mp4', type: 'video/mp4' })
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(',');
      const created = await call(running.url, 'POST', TUS_PATH, {
        token: lead.token,
        headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': metadata },
      });
      const uploadUrl = `${running.url}${created.headers.get('location')}`;

      const patch = http.request(uploadUrl, {
        method: 'PATCH',
        agent: false,
        headers: {
          authorization: `Bearer ${lead.token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(bytes.length),
        },
      });
      const response = once(patch, 'response') as Promise<[http.IncomingMessage]>;
      patch.write(bytes.subarray(0, bytes.length / 2));
      // Wait until the hub is visibly writing this upload, so the request is truly in flight.
      const partFile = path.join(running.dataDir, 'uploads', created.headers.get('location')!.split('/').pop()!);
      while ((await stat(partFile)).size === 0) await new Promise((resolve) => setImmediate(resolve));

      const closing = running.hub.close();
      // New connections are refused while the one in flight goes on.
      await expect(fetch(`${running.url}/health`)).rejects.toThrow();
      patch.end(bytes.subarray(bytes.length / 2));
      const [res] = await response;
      expect(res.statusCode).toBe(204);
      await closing;

      await running.restart();
      const blob = await call(running.url, 'HEAD', hubPath(hubEndpoints.blob.path, { sha256: sha256(bytes) }), { token: lead.token });
      expect(blob.status).toBe(200);
      expect(blob.headers.get('content-length')).toBe(String(bytes.length));
    } finally {
      await running.stop();
    }
  });
});
