import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Transfer } from '../../common/schemas/sync';
import { HubClient } from '../../core/hub/client';
import { DEFAULT_CHUNK_BYTES } from '../../core/sync/service';
import { fileChecksums } from '../../core/library/checksums';
import { Throttle } from '../../core/transfers/throttle';
import { runUpload } from '../../core/transfers/upload';
import { BENCH_PUT_PATH } from '../../hub/routes/bench-put';
import { communityOf, consent, importLesson, signUp, startDevice, type Device } from '../integration/sync/devices';
import { makeTestVideo } from '../fixtures/media';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/web-shell';
import { cachedMedia, median, writeResult } from './media-cache';
import { startRemoteDevice, type RemoteDevice } from './remote-device';
import { settleMachine } from './settle';

/**
 * Issue 5: 10,000 ops pushed by one studio and pulled by another through a hub on loopback; a 200 MB
 * upload through the studio's tus path against a plain streamed HTTP PUT of the same file to the same
 * hub process, with the hub's resident memory sampled meanwhile; and the bytes re-sent when the
 * connection is cut halfway through an upload.
 */
const OPS = 10_000;
const ROUNDS = 5;
const CHUNK = DEFAULT_CHUNK_BYTES;
const MB = 1024 * 1024;

/** About 200 MB of H.264 at a constant bitrate (cached in bench/.cache). */
function bigLesson(): Promise<string> {
  return cachedMedia('upload-200mb.mp4', (out) => [
    ...['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '120'],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-b:v',
      '13.3M',
      '-minrate',
      '13.3M',
      '-maxrate',
      '13.3M',
      '-bufsize',
      '4M',
      '-x264-params',
      'nal-hrd=cbr',
    ],
    ...['-c:a', 'aac', '-shortest', out],
  ]);
}

/** Samples a process's resident memory from /proc every 50 ms until stopped; returns the peak in MB. */
function sampleRss(pid: number): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** The teacher's lesson, ready to send as its original; extras that would only compete for the CPU are cancelled. */
async function readyLesson(device: Device, file: string): Promise<string> {
  const { results } = await device.call('lessons.import', { sources: [{ kind: 'path', path: file }] });
  if (!results[0]!.ok) throw new Error('import refused');
  const lessonId = results[0]!.lesson.id;
  await device.until(async () => (await device.call('lessons.get', { id: lessonId })).status === 'ready', 120_000);
  for (const job of await device.call('jobs.list', { lessonId }))
    if (job.status === 'queued' || job.status === 'running') await device.call('jobs.cancel', { id: job.id });
  return lessonId;
}

/** Resolves with the seconds the lesson's video upload spent running, from start to done. */
function timeMediaUpload(device: Device, lessonId: string, onProgress?: (t: Transfer) => void): Promise<number> {
  return new Promise((resolve) => {
    let started = 0;
    const off = device.bus.subscribe((name, payload) => {
      const t = payload as Transfer;
      if (name !== 'transfers.progress' || t.lessonId !== lessonId || t.role !== 'media' || t.direction !== 'upload') return;
      if (t.state === 'running' && !started) started = performance.now();
      onProgress?.(t);
      if (t.state === 'done') {
        off();
        resolve((performance.now() - started) / 1000);
      }
    });
  });
}

/** Both uploads read the file in pieces of this size. */
const READ_BYTES = 256 * 1024;

function plainPut(hubUrl: string, token: string, file: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(`${hubUrl}${BENCH_PUT_PATH}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': size },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 204 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`PUT answered ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    void fs.open(file).then((handle) => handle.createReadStream({ highWaterMark: READ_BYTES }).pipe(req));
  });
}

/** The studio's uploader (core/transfers/upload.ts, which the transfer queue runs) on its own, timed. */
async function tusUpload(client: HubClient, communityId: string, file: string, sha256: string, size: number): Promise<number> {
  const t0 = performance.now();
  await runUpload({
    transfer: {
      id: 'bench',
      direction: 'upload',
      communityId,
      lessonId: 'bench',
      role: 'media',
      sha256,
      sizeBytes: size,
      mime: 'video/mp4',
      relPath: '',
      uploadUrl: null,
      doneBytes: 0,
      state: 'running',
      errorCode: null,
      attempts: 0,
      updatedAt: 0,
    },
    file,
    filename: path.basename(file),
    client,
    chunkBytes: CHUNK,
    throttle: new Throttle(() => 0),
    signal: new AbortController().signal,
    onUrl: () => undefined,
    onProgress: () => undefined,
    onWire: () => undefined,
  });
  return (performance.now() - t0) / 1000;
}

/** A loopback relay in front of the hub whose connections can all be cut at once. */
async function relayTo(port: number): Promise<{ url: string; cut(): void; close(): void }> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut: () => open.forEach((s) => s.destroy()),
    close: () => server.close(),
  };
}

/** The devices a bench made, to dispose of at the end. */
export interface BenchDevices {
  devices: Device[];
  remotes: RemoteDevice[];
}

async function benchDevice(work: string, owned: BenchDevices, options = {}): Promise<Device> {
  const d = await startDevice(path.join(work, `device-${owned.devices.length}`), {
    chunkBytes: CHUNK,
    debounceMs: 60 * 60_000,
    ...options,
  });
  owned.devices.push(d);
  return d;
}

export async function disposeDevices(owned: BenchDevices): Promise<void> {
  for (const d of owned.devices) await d.dispose({ keepData: true });
  for (const d of owned.remotes) await d.dispose();
}

/**
 * Ops: a teacher's 10,000 notes on a shared lesson reach a mentor's studio, which runs in a process of
 * its own as a second device would. Also run by the hub-scale bench on SQLite and on PostgreSQL.
 */
export async function syncTenThousandOps(work: string, hubUrl: string, owned: BenchDevices) {
  const teacher = await benchDevice(work, owned);
  const mentor = await startRemoteDevice(path.join(work, 'mentor'), { chunkBytes: CHUNK, debounceMs: 60 * 60_000 });
  owned.remotes.push(mentor);
  const account = await signUp(teacher, hubUrl, 'Bench teacher', { country: 'GH' });
  await signUp(mentor, hubUrl, 'Bench mentor', { country: 'NP' });
  const community = await communityOf(teacher, [[mentor, 'mentor']]);
  const small = await importLesson(teacher, await makeTestVideo(work, { name: 'Small.mp4', seconds: 2 }));
  await teacher.call('sharing.share', { lessonId: small.id, communityId: community.id, consent, licence: 'cc_by' });
  await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);
  await mentor.call('sync.now');
  for (let i = 0; i < OPS; i++)
    await teacher.call('notes.add', { lessonId: small.id, startMs: i % 2000, text: `Note ${i}`, private: false });
  // The mentor's studio hears of each pushed batch over the WebSocket and pulls meanwhile.
  const t0 = performance.now();
  await teacher.call('sync.now');
  const pushS = (performance.now() - t0) / 1000;
  await mentor.call('sync.now');
  const syncS = (performance.now() - t0) / 1000;
  const pulled = (await mentor.call('notes.list', { lessonId: small.id })).length;
  if (pulled < OPS) throw new Error(`the mentor received ${pulled} notes of ${OPS}`);
  return { teacher, account, ops: OPS, pushS, syncS };
}

async function runSyncBench(): Promise<Record<string, number>> {
  const work = await tempDir('bench-sync');
  const hub: HubProcess = await startHubProcess(path.join(work, 'hub'), 0, ['--bench-put']);
  const owned: BenchDevices = { devices: [], remotes: [] };
  const device = (options = {}) => benchDevice(work, owned, options);
  try {
    // 1. Ops.
    const { teacher, account, pushS, syncS } = await syncTenThousandOps(work, hub.url, owned);

    // 2. 200 MB: the studio's tus uploader and a plain streamed PUT of the same file to the same hub
    //    process, alternated (the machine's load varies), each into a community that has no copy yet;
    //    the hub's memory is sampled throughout.
    const file = await bigLesson();
    const size = (await fs.stat(file)).size;
    const token = teacher.sync.session.currentToken()!;
    const sha256 = (await fileChecksums(file)).sha256;
    const client = new HubClient(hub.url, async () => token);
    const rss = sampleRss(hub.pid);
    const putTimes: number[] = [];
    const tusTimes: number[] = [];
    // Round 0 warms both paths up and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      await settleMachine(work, 2 * size);
      const put = await plainPut(hub.url, token, file, size);
      const target = await teacher.call('communities.create', { name: `Upload round ${round}`, description: '', languages: [] });
      // Each round's blob is new to the hub, as a real upload's is (the hub then flushes it to disk
      // before it counts as stored), not one it already holds from the round before.
      await fs.rm(path.join(work, 'hub', 'blobs', sha256.slice(0, 2), sha256), { force: true });
      await settleMachine(work, 2 * size);
      const tus = await tusUpload(client, target.id, file, sha256, size);
      if (round === 0) continue;
      putTimes.push(put);
      tusTimes.push(tus);
    }
    const peakRss = await rss.stop();

    // 3. The same file from another studio of the teacher's (into another community, so the hub has
    //    no copy there yet), with every connection cut when half of it has gone.
    const relay = await relayTo(hub.port);
    const second = await device();
    await second.call('settings.set', { autoDownloadShared: false });
    await second.call('hub.signIn', { hubUrl: relay.url, email: account.email, password: 'correct horse battery' });
    const other = await second.call('communities.create', { name: 'Second community', description: '', languages: [] });
    const secondLesson = await readyLesson(second, file);
    let cut = false;
    const resumed = timeMediaUpload(second, secondLesson, (t) => {
      if (!cut && t.doneBytes >= t.sizeBytes / 2) {
        cut = true;
        relay.cut();
      }
    });
    await second.call('sharing.share', { lessonId: secondLesson, communityId: other.id, consent, licence: 'cc_by', mediaKind: 'original' });
    await resumed;
    const sentFiles = (await second.call('transfers.list'))
      .filter((t) => t.direction === 'upload')
      .reduce((sum, t) => sum + t.sizeBytes, 0);
    const resent = second.sync.transfers.wire.sent - sentFiles;
    relay.close();

    const figures = {
      ops: OPS,
      sync_s: syncS,
      ops_per_s: Math.round(OPS / syncS),
      push_s: pushS,
      upload_mb: Math.round(size / MB),
      upload_tus_s: median(tusTimes),
      upload_put_s: median(putTimes),
      upload_throughput_ratio: median(putTimes) / median(tusTimes),
      resume_cut_at_fraction: 0.5,
      resume_resent_bytes: resent,
      chunk_bytes: CHUNK,
      hub_peak_rss_mb: Math.round(peakRss),
    };
    await writeResult('sync', figures);
    return figures;
  } finally {
    await disposeDevices(owned);
    await hub.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

export { runSyncBench as run };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runSyncBench(), null, 2));
}
