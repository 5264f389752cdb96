import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code, as a plain script: hash-wasm SHA-256 hashers by key, each begun from a saved
 * state (or from nothing), fed chunks in order, and saved. Messages are handled one at a time, in
 * the order sent, so a save answers the state after every chunk sent before it.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createSHA256 } = require(workerData.hashWasm);
const hashers = new Map();
let queue = Promise.resolve();
async function handle(m) {
  if (m.op === 'begin') {
    const hasher = await createSHA256();
    if (m.state === null) hasher.init();
    else hasher.load(Buffer.from(m.state, 'base64'));
    hashers.set(m.key, hasher);
    return {};
  }
  const hasher = hashers.get(m.key);
  if (m.op === 'drop') return void hashers.delete(m.key);
  if (!hasher) throw new Error('no such hash');
  if (m.op === 'update') return void hasher.update(m.chunk);
  hashers.delete(m.key);
  return { state: Buffer.from(hasher.save()).toString('base64') };
}
parentPort.on('message', (m) => {
  queue = queue
    .then(() => handle(m))
    .then((answer) => m.seq && parentPort.postMessage({ seq: m.seq, ...answer }))
    .catch((err) => m.seq && parentPort.postMessage({ seq: m.seq, error: String((err && err.message) || err) }));
});
`;

/** Bytes sent to the thread and not yet hashed, past which the request's stream waits for it. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/**
 * Running SHA-256 hashes computed on a thread of their own, so an upload's bytes are hashed on the
 * other core while this one relays them on to S3 (hash-wasm, whose state can be saved, hashes a few
 * times slower than Node's own; on the relaying thread it was the slowest step of an upload).
 */
export class HashThread {
  private worker: Worker | null = null;
  private seq = 0;
  private nextKey = 0;
  private queued = 0;
  private readonly waiting = new Map<number, { resolve(answer: { state?: string }): void; reject(err: Error): void }>();
  private drained: (() => void)[] = [];

  private thread(): Worker {
    if (this.worker) return this.worker;
    const hashWasm = createRequire(import.meta.url).resolve('hash-wasm');
    const worker = new Worker(SOURCE, { eval: true, execArgv: [], workerData: { hashWasm } });
    worker.unref();
    worker.on('message', (m: { seq: number; state?: string; error?: string; bytes?: number }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      this.queued = 0;
      this.release();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('hash thread stopped')));
    return (this.worker = worker);
  }

  private ask(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<{ state?: string }> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.thread().postMessage({ ...message, seq }, transfer);
    });
  }

  /** A hash begun from a saved state (base64; null for none); rejects when the state cannot be loaded. */
  async begin(state: string | null): Promise<ThreadHash> {
    const key = ++this.nextKey;
    await this.ask({ op: 'begin', key, state });
    return new ThreadHash(this, key);
  }

  /**
   * Sends a chunk; answers how it was hashed (a promise that must be awaited or caught), and a
   * promise that resolves at once unless too many bytes already wait for the thread.
   */
  update(key: number, chunk: Buffer): { hashed: Promise<unknown>; room: Promise<void> } {
    this.queued += chunk.length;
    // Copied once into a buffer of its own, which moves to the thread (a chunk may share a larger one).
    const bytes = new Uint8Array(chunk);
    const hashed = this.ask({ op: 'update', key, chunk: bytes }, [bytes.buffer]);
    const done = () => this.done(chunk.length);
    hashed.then(done, done);
    const room = this.queued > MAX_QUEUED_BYTES ? new Promise<void>((resolve) => this.drained.push(resolve)) : Promise.resolve();
    return { hashed, room };
  }

  private done(bytes: number): void {
    this.queued = Math.max(0, this.queued - bytes);
    if (this.queued <= MAX_QUEUED_BYTES / 2) this.release();
  }

  private release(): void {
    const drained = this.drained;
    this.drained = [];
    for (const resolve of drained) resolve();
  }

  /** The state after every chunk sent (base64); the hash is then forgotten. */
  async save(key: number): Promise<string> {
    return (await this.ask({ op: 'save', key })).state!;
  }

  drop(key: number): void {
    this.worker?.postMessage({ op: 'drop', key });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

/** One write's hash on the thread: a chunk it failed to hash fails its save, so no partial hash is ever saved. */
export class ThreadHash {
  private failure: unknown = null;

  constructor(
    private readonly thread: HashThread,
    private readonly key: number,
  ) {}

  async update(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    const { hashed, room } = this.thread.update(this.key, chunk);
    hashed.catch((err: unknown) => (this.failure ??= err));
    await room;
  }

  async save(): Promise<string> {
    const state = await this.thread.save(this.key);
    if (this.failure) throw this.failure;
    return state;
  }

  drop(): void {
    this.thread.drop(this.key);
  }
}
