import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, tempDir, type RunningShell } from '../../support/web-shell';

/**
 * Uploads to the browser shell, run as its own process (`npm run web`) so that its memory is measured
 * and nothing else's.
 */
const MiB = 1024 * 1024;
const BIG = 100 * MiB;
let shell: RunningShell;
let token: string;

beforeAll(async () => {
  shell = await startWebShell(await tempDir('uploads'));
  token = new URL(shell.url).searchParams.get('token')!;
}, 60_000);
afterAll(async () => {
  await shell?.stop();
  if (shell) await fs.rm(shell.dataDir, { recursive: true, force: true });
});

const status = () => fs.readFile(`/proc/${shell.child.pid}/status`, 'utf8');
const kib = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)![1]) * 1024;

/** How far the shell's resident memory rises above where it was while `work` runs (the kernel keeps the peak). */
async function memoryGrowth(work: () => Promise<void>): Promise<number> {
  // Writing 5 to clear_refs resets the peak (VmHWM) to the current size.
  await fs.writeFile(`/proc/${shell.child.pid}/clear_refs`, '5');
  const before = kib(await status(), 'VmRSS');
  await work();
  return kib(await status(), 'VmHWM') - before;
}

/** `size` bytes made as they are sent, never held whole. */
function generated(size: number): Readable & { sent: number } {
  const block = Buffer.alloc(MiB, 'practice ');
  const stream = Object.assign(
    new Readable({
      read() {
        const n = Math.min(block.length, size - stream.sent);
        stream.sent += n;
        this.push(n > 0 ? block.subarray(0, n) : null);
      },
    }),
    { sent: 0 },
  );
  return stream;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** How much of the body had left the client when the answer came. */
  sentBeforeAnswer: number;
}

/** Streams `body` to /upload and resolves on the answer, which may come before the body is all sent. */
function upload(headers: Record<string, string>, body: Readable & { sent: number }): Promise<Answer> {
  // A kept-alive connection as a browser's, but of its own: one left mid-body by an early answer is
  // never handed to the next upload.
  const agent = new http.Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: new URL(shell.url).port,
        path: '/upload',
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...headers },
        agent,
      },
      (res) => {
        const sentBeforeAnswer = body.sent;
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          // The answer is in: stop sending whatever is left of the body.
          body.unpipe(req);
          req.destroy();
          agent.destroy();
          resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown>, sentBeforeAnswer });
        });
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

const staged = () => fs.readdir(path.join(shell.dataDir, 'staging'));

describe.runIf(process.platform === 'linux')('uploads to the browser shell', () => {
  it('refuses 100 MiB of text/plain at once with 415, without reading it into memory', async () => {
    let answer: Answer | undefined;
    const growth = await memoryGrowth(async () => {
      answer = await upload({ 'content-type': 'text/plain' }, generated(BIG));
    });
    expect(answer!.status).toBe(415);
    expect(answer!.body).toMatchObject({ code: 'unsupported_media_type', params: { expected: 'application/octet-stream' } });
    expect(answer!.sentBeforeAnswer).toBeLessThan(BIG);
    expect(growth).toBeLessThan(30 * MiB);
    expect(await staged()).toEqual([]);
  });

  it('refuses a JSON body, or one with no type, the same way', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, {}] as Record<string, string>[]) {
      const answer = await upload(headers, generated(10 * MiB));
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({ code: 'unsupported_media_type' });
    }
    expect(await staged()).toEqual([]);
  });

  it('refuses a body announced as larger than the library takes before reading any of it', async () => {
    const answer = await upload({ 'content-type': 'application/octet-stream', 'content-length': String(64 * 1024 ** 3) }, generated(MiB));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'payload_too_large' });
    expect(await staged()).toEqual([]);
  });

  it('streams large uploads to disk in the staging folder, in memory that does not grow with their size', async () => {
    const sizes = [BIG, 2 * BIG];
    const growths: number[] = [];
    for (const size of sizes) {
      let answer: Answer | undefined;
      growths.push(
        await memoryGrowth(async () => {
          answer = await upload({ 'content-type': 'application/octet-stream' }, generated(size));
        }),
      );
      expect(answer!.status).toBe(200);
      expect((await fs.stat(path.join(shell.dataDir, 'staging', answer!.body.stagedId as string))).size).toBe(size);
    }
    // The first large body lets the heap settle at its working size once (about 25 to 40 MiB here);
    // a body held in memory would instead add at least its own size, every time.
    expect(growths[0]).toBeLessThan(64 * MiB);
    expect(growths[1]).toBeLessThan(30 * MiB);
  });
});
