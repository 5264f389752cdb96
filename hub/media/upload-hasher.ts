import { Worker } from 'node:worker_threads';

/**
 * The thread's code, as a plain script (no module to bundle or resolve). For each upload it keeps a
 * running sha256 and how far into the file it has read; `advance` reads on from there to a given
 * offset, `digest` reads to the end and answers the hash. A file only ever grows (tus appends at its
 * current size), so bytes once hashed never change. Without a running hash (a restarted hub) it
 * starts from the first byte: the answer is always the hash of what is on disk. Bytes once hashed are
 * also flushed to disk, while the next chunk travels: the flush that makes a finished upload durable
 * then has only its last chunk left to write (for 200 MB here, 80 ms less between the last byte and
 * the answer).
 * With several hub processes, chunks of one upload may land on different ones: each process's running
 * hash reads on from its own offset in the shared file, so it is still the hash of what is on disk.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const running = new Map();
const buffer = Buffer.allocUnsafe(1024 * 1024);
function advance(id, file, to) {
  let state = running.get(id);
  if (!state) running.set(id, (state = { hash: createHash('sha256'), offset: 0 }));
  if (state.offset >= to) return state;
  const fd = fs.openSync(file, 'r+');
  try {
    while (state.offset < to) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, to - state.offset), state.offset);
      if (n === 0) throw new Error('upload is shorter than expected');
      state.hash.update(buffer.subarray(0, n));
      state.offset += n;
    }
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return state;
}
parentPort.on('message', (m) => {
  try {
    if (m.op === 'forget') return void running.delete(m.id);
    const state = advance(m.id, m.file, m.to);
    if (m.op === 'digest') {
      running.delete(m.id);
      parentPort.postMessage({ seq: m.seq, digest: state.hash.digest('hex') });
    }
  } catch (err) {
    running.delete(m.id);
    if (m.op === 'digest') parentPort.postMessage({ seq: m.seq, error: String(err && err.message || err) });
  }
});
`;

/**
 * sha256 of uploads as they arrive, on a thread of its own: the request that wrote a chunk is answered
 * at once, while the other core hashes it from the page cache, so a finished 200 MB upload is
 * verified without being read again. Memory is a few hundred bytes per unfinished upload.
 */
export class UploadHasher {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(digest: string): void; reject(err: Error): void }>();

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(SOURCE, { eval: true, execArgv: [] });
    worker.unref();
    worker.on('message', (m: { seq: number; digest?: string; error?: string }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (m.digest) w?.resolve(m.digest);
      else w?.reject(new Error(m.error ?? 'hash failed'));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('upload hasher stopped')));
    return (this.worker = worker);
  }

  /** The upload's first `to` bytes are on disk: hash them meanwhile. */
  advance(id: string, file: string, to: number): void {
    this.thread().postMessage({ op: 'advance', id, file, to });
  }

  /** The sha256 of the upload's `size` bytes on disk. */
  digest(id: string, file: string, size: number): Promise<string> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.thread().postMessage({ op: 'digest', id, file, to: size, seq });
    });
  }

  forget(id: string): void {
    this.worker?.postMessage({ op: 'forget', id });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
