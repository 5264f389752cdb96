import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell } from '../../../web/server';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';
import { startInput } from './support';

let core: TestCore;
let shell: Awaited<ReturnType<typeof startWebShell>>;
let token: string;
let base: string;

beforeAll(async () => {
  core = await startTestCore();
  const renderer = await tempDir('renderer');
  await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
  shell = await startWebShell({ core, rendererDir: renderer, port: 0 });
  token = new URL(shell.url).searchParams.get('token')!;
  base = new URL(shell.url).origin;
});
afterAll(async () => {
  await shell.close();
  await core.dispose();
});

const sendChunk = (fields: object, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  fetch(`${base}/rpc-binary/recording.chunk?input=${encodeURIComponent(JSON.stringify(fields))}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers },
    body,
  });

describe('the browser shell’s binary route', () => {
  it('takes a chunk as raw bytes and hands it to the core, byte for byte', async () => {
    const { id } = await core.api['recording.start']({ ...startInput });
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const res = await sendChunk({ id, seq: 0 }, bytes);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { seq: 0, sizeBytes: bytes.length, duplicate: false } });
    expect(await (await sendChunk({ id, seq: 0 }, bytes)).json()).toMatchObject({ result: { duplicate: true } });
    const part = await fs.readFile(path.join(core.dataDir, 'recordings', `${id}.part.webm`));
    expect(part.equals(Buffer.from(bytes))).toBe(true);

    const gap = await sendChunk({ id, seq: 5 }, bytes);
    expect(gap.status).toBe(422);
    expect(await gap.json()).toMatchObject({ code: 'recording_gap' });
    await core.api['recording.discard']({ id });
  });

  it('refuses requests without the token, other calls, JSON bodies and malformed fields', async () => {
    const id = '0190a6a4-0000-7000-8000-000000000000';
    expect((await sendChunk({ id, seq: 0 }, new Uint8Array(4), { authorization: 'Bearer wrong' })).status).toBe(401);
    const other = await fetch(`${base}/rpc-binary/lessons.delete?input=${encodeURIComponent(JSON.stringify({ id }))}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(4),
    });
    expect(await other.json()).toMatchObject({ code: 'not_found' });
    const json = new TextEncoder().encode(JSON.stringify({ data: [1, 2, 3] }));
    const asJson = await sendChunk({ id, seq: 0 }, json, { 'content-type': 'application/json' });
    expect(asJson.status).toBe(415);
    expect(await asJson.json()).toMatchObject({ code: 'unsupported_media_type', params: { expected: 'application/octet-stream' } });
    expect(await (await sendChunk({ id, seq: 'first' }, new Uint8Array(4))).json()).toMatchObject({
      code: 'invalid_input',
      params: { path: 'seq' },
    });
    expect(await (await sendChunk({ id, seq: 0, extra: true }, new Uint8Array(4))).json()).toMatchObject({ code: 'invalid_input' });
    expect(await (await sendChunk({ id, seq: 0 }, new Uint8Array(4))).json()).toMatchObject({ code: 'recording_not_found' });
  });
});
