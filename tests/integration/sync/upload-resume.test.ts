import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCommunity } from '../../../common/schemas/community';
import type { Transfer } from '../../../common/schemas/sync';
import { createHub } from '../../../hub/server';
import { makeMediaDir } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { consent, signUp, startDevice, type Device } from './devices';

const MB = 1024 * 1024;
const CHUNK = 4 * MB;
const root = path.resolve(import.meta.dirname, '../../..');

let hub: RunningHub;
let video: string;
let teacherEmail: string;
let community: LocalCommunity;
const devices: Device[] = [];

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

beforeAll(async () => {
  hub = await startHub();
  // About 50 MB of real H.264 at a constant 14 Mbit/s, quick to make.
  video = path.join(await makeMediaDir(), 'long-lesson.mp4');
  execFileSync('ffmpeg', [
    ...[
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '30',
    ],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-b:v',
      '14M',
      '-minrate',
      '14M',
      '-maxrate',
      '14M',
      '-bufsize',
      '4M',
      '-x264-params',
      'nal-hrd=cbr',
    ],
    ...['-c:a', 'aac', '-shortest', video],
  ]);
  const lead = await startDevice();
  devices.push(lead);
  teacherEmail = (await signUp(lead, hub.url, 'Teacher', { country: 'KE' })).email;
  community = await lead.call('communities.create', { name: 'Resumers', description: '', languages: [] });
});
afterAll(async () => {
  await Promise.all(devices.map((d) => d.dispose()));
  await hub?.stop();
});

/** A device signed in as the teacher (through `hubUrl`), holding the big lesson ready to share. */
async function deviceWithLesson(hubUrl: string): Promise<{ device: Device; lessonId: string }> {
  const device = await startDevice(undefined, { chunkBytes: CHUNK });
  devices.push(device);
  // The teacher's other devices share big lessons too; this one need not fetch them.
  await device.call('settings.set', { autoDownloadShared: false });
  await device.call('hub.signIn', { hubUrl, email: teacherEmail, password: 'correct horse battery' });
  await device.call('communities.list');
  const { results } = await device.call('lessons.import', { sources: [{ kind: 'path', path: video }] });
  const lessonId = results[0]!.ok ? results[0]!.lesson.id : '';
  await device.until(async () => (await device.call('lessons.get', { id: lessonId })).status === 'ready');
  // Only the upload matters here: the waveform, sprite and proxy would just compete for the CPU.
  for (const job of await device.call('jobs.list', { lessonId }))
    if (job.status === 'queued' || job.status === 'running') await device.call('jobs.cancel', { id: job.id });
  return { device, lessonId };
}

const mediaOf = (list: Transfer[]) => list.find((t) => t.role === 'media' && t.direction === 'upload')!;

describe('resumable uploads from the studio', () => {
  it('resumes after the hub dies halfway through 50 MB, re-sending at most one chunk', async () => {
    const { device, lessonId } = await deviceWithLesson(hub.url);
    const port = hub.hub.port;
    let killed = false;
    const off = device.bus.subscribe((name, payload) => {
      const t = payload as Transfer;
      if (name !== 'transfers.progress' || killed || t.role !== 'media' || t.doneBytes < t.sizeBytes / 2) return;
      killed = true;
      void hub.hub.abort().then(async () => (hub.hub = await createHub({ dataDir: hub.dataDir, port, now: hub.clock.now })));
    });
    await device.call('sharing.share', {
      lessonId,
      communityId: community.id,
      consent,
      licence: 'all_rights_reserved',
      mediaKind: 'original',
    });
    await device.until(
      async () => (await device.call('transfers.list')).every((t) => t.direction !== 'upload' || t.state === 'done'),
      60_000,
    );
    off();
    expect(killed).toBe(true);

    const uploaded = (await device.call('transfers.list')).filter((t) => t.direction === 'upload');
    const total = uploaded.reduce((sum, t) => sum + t.sizeBytes, 0);
    const resent = device.sync.transfers.wire.sent - total;
    expect(mediaOf(uploaded).sizeBytes).toBeGreaterThan(45 * MB);
    expect(resent).toBeGreaterThanOrEqual(0);
    expect(resent).toBeLessThanOrEqual(CHUNK);
    const sha = await sha256(video);
    expect(await sha256(path.join(hub.dataDir, 'blobs', sha.slice(0, 2), sha))).toBe(sha);
    // Once the media is there, the lesson itself goes out.
    await device.until(async () => (await device.call('sync.status')).pendingChanges === 0);
  });

  it('resumes after the studio itself is killed halfway, re-sending at most one chunk', async () => {
    // Everything between studio and hub goes through a relay that counts the bytes sent.
    let sent = 0;
    const relay = net.createServer((client) => {
      const upstream = net.connect(hub.hub.port, '127.0.0.1');
      client.on('data', (d: Buffer) => (sent += d.length));
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop);
      upstream.on('error', drop);
      client.on('close', drop);
      upstream.on('close', drop);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayUrl = `http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`;

    const { device, lessonId } = await deviceWithLesson(relayUrl);
    // Shared while on a metered connection with "only unmetered" set: nothing leaves this process.
    await device.call('settings.set', { transferOnlyUnmetered: true });
    await device.call('sync.connection', { online: true, metered: true });
    await device.call('sharing.share', { lessonId, communityId: community.id, consent, licence: 'cc_by', mediaKind: 'original' });
    const files = (await device.call('transfers.list')).filter((t) => t.direction === 'upload');
    expect(files.map((t) => t.state)).toEqual(files.map(() => 'queued'));
    const total = files.reduce((sum, t) => sum + t.sizeBytes, 0);
    await device.dispose({ keepData: true });
    devices.splice(devices.indexOf(device), 1);
    const before = sent;

    // The same library in a studio process of its own (which cannot tell the connection is metered), killed mid-upload.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'device-process.ts'), device.dataDir, String(CHUNK)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for await (const line of readline.createInterface({ input: child.stdout! })) {
      if (line === 'ready') continue;
      const t = JSON.parse(line) as Transfer;
      if (t.role === 'media' && t.doneBytes >= t.sizeBytes / 2) break;
    }
    child.kill('SIGKILL');
    await exited;

    const resumed = await startDevice(device.dataDir, { chunkBytes: CHUNK });
    devices.push(resumed);
    await resumed.until(
      async () => (await resumed.call('transfers.list')).every((t) => t.direction !== 'upload' || t.state === 'done'),
      60_000,
    );
    const media = mediaOf(await resumed.call('transfers.list'));
    expect(media.sizeBytes).toBeGreaterThan(45 * MB);
    // Requests' headers and the little sync traffic add a few kilobytes to what the files weigh.
    const resent = sent - before - total;
    expect(resent).toBeLessThanOrEqual(CHUNK + 64 * 1024);
    const sha = await sha256(video);
    expect(await sha256(path.join(hub.dataDir, 'blobs', sha.slice(0, 2), sha))).toBe(sha);
    await resumed.until(async () => (await resumed.call('sync.status')).pendingChanges === 0);
    relay.close();
  });
});
