import { Worker } from 'node:worker_threads';

/**
 * The thread's code, as a plain script (no module to bundle or resolve): it hashes the chunks it is
 * sent, in order, each read in place from memory shared with the caller, and answers each message.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
let hash = null;
parentPort.on('message', (m) => {
  if (m.op === 'start') hash = createHash('sha256');
  else if (m.op === 'update') hash.update(new Uint8Array(m.buffer, m.offset, m.length));
  else if (m.op === 'end') {
    const digest = hash.digest('hex');
    hash = null;
    return parentPort.postMessage(digest);
  }
  parentPort.postMessage(null);
});
`;

/**
 * sha256 on a thread of its own, so that hashing a file runs on one core while this thread copies
 * (and computes a CRC-32, or hashes another file) on the other. Chunks must live in a
 * SharedArrayBuffer (see Copier) and stay untouched until `update` resolves. One file at a time.
 */
export class HashThread {
  private readonly worker = new Worker(SOURCE, { eval: true, execArgv: [] });
  private readonly waiting: Array<{ resolve(value: string | null): void; reject(err: Error): void }> = [];
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (value: string | null) => this.waiting.shift()?.resolve(value));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('hash thread stopped')));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  private send(message: object): Promise<string | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async start(): Promise<void> {
    await this.send({ op: 'start' });
  }

  async update(chunk: Buffer): Promise<void> {
    if (!(chunk.buffer instanceof SharedArrayBuffer)) throw new Error('hash thread chunks must be shared');
    await this.send({ op: 'update', buffer: chunk.buffer, offset: chunk.byteOffset, length: chunk.length });
  }

  /** The file's sha256, once every chunk has been sent. */
  async digest(): Promise<string> {
    return (await this.send({ op: 'end' }))!;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('hash thread closed');
    await this.worker.terminate();
  }
}
