import fs from 'node:fs/promises';
import { monoPcmArgs } from './pcm';
import { probeStreams } from './probe';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

export interface PeaksOptions {
  durationMs: number;
  peaksPerSecond?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Waveform for the timeline: bucket i covers [i, i+1) / peaksPerSecond seconds; data is min,max pairs. */
export interface PeaksFile {
  version: 1;
  peaksPerSecond: number;
  length: number;
  data: number[];
}

/** Plenty for a waveform drawn at most a few hundred points per second, and cheap to decode. */
const SAMPLE_RATE = 8000;

/**
 * Decodes the first audio stream to 8 kHz mono 16-bit PCM on stdout and folds it into min/max
 * buckets as it arrives, so memory stays flat however long the lesson is.
 */
export async function makePeaks(tools: MediaTools, input: string, outJson: string, opts: PeaksOptions): Promise<PeaksFile> {
  const { durationMs, peaksPerSecond = 20, signal, onProgress } = opts;
  const { streams } = await probeStreams(tools, input, { signal });
  const buckets = new PeakBuckets(SAMPLE_RATE, peaksPerSecond);

  if (streams.some((s) => s.codec_type === 'audio')) {
    const totalSamples = (durationMs / 1000) * SAMPLE_RATE;
    let reported = 0;
    await runFfmpeg(tools, monoPcmArgs(input, SAMPLE_RATE, 's16le'), {
      signal,
      onStdout: (chunk) => {
        buckets.push(chunk);
        const fraction = Math.min(0.99, buckets.samples / totalSamples);
        if (onProgress && fraction > reported) onProgress((reported = fraction));
      },
    });
  }

  const data = buckets.finish();
  const file: PeaksFile = { version: 1, peaksPerSecond, length: data.length / 2, data };
  await fs.writeFile(outJson, JSON.stringify(file));
  onProgress?.(1);
  return file;
}

class PeakBuckets {
  samples = 0;
  private readonly data: number[] = [];
  private bucket = 0;
  private min = Infinity;
  private max = -Infinity;
  /** A chunk may end in the middle of a 2-byte sample. */
  private carry: Buffer | null = null;

  constructor(
    private readonly sampleRate: number,
    private readonly perSecond: number,
  ) {}

  push(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 2);
    this.carry = whole < bytes.length ? bytes.subarray(whole) : null;
    for (let offset = 0; offset < whole; offset += 2) {
      const bucket = Math.floor((this.samples * this.perSecond) / this.sampleRate);
      if (bucket !== this.bucket) this.close(bucket);
      const value = bytes.readInt16LE(offset) / 32768;
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
      this.samples++;
    }
  }

  finish(): number[] {
    if (this.min !== Infinity) this.close(this.bucket + 1);
    return this.data;
  }

  private close(next: number): void {
    this.data.push(round3(this.min), round3(this.max));
    this.bucket = next;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
