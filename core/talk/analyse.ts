import type { Readable } from 'node:stream';
import { monoPcmArgs } from '../media/pcm';
import { runFfmpeg } from '../media/runner';
import type { MediaTools } from '../media/tools';
import { FRAME_SAMPLES, SAMPLE_RATE, meanSquare, pitchHz, powerDb, spectralShape, spectrumScratch } from './features';
import { defaultVadOptions, segmentFeatures, speechSpans, type FrameTrack, type SegmentFeatures } from './segments';
import { toneSpans } from './tones';
import { SileroVad } from './vad';

export interface AnalyseOptions {
  durationMs: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface TalkMeasurement {
  durationMs: number;
  segments: SegmentFeatures[];
}

/** Quieter than this (dB full scale) is no voice worth measuring, however far across the room. */
const FEATURE_FLOOR_DB = -55;
const FEATURE_STRIDE = 2;

/** Growable per-frame column; a lesson's length is known only roughly before decoding. */
class Column {
  private data: Float32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float32Array(Math.max(1024, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  view(): Float32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Decodes the lesson's first audio stream to 16 kHz mono float PCM and reads it frame by frame as
 * ffmpeg writes it: the VAD and the features see each 32 ms frame once, and only the per-frame
 * measurements are kept (a few bytes a frame), never the sound itself. Pitch and brightness are kept
 * where the VAD hears something like speech; tonality everywhere, for the music and beeps it does not
 * hear (tones.ts), which become segments of their own.
 */
export async function measureTalk(tools: MediaTools, input: string, opts: AnalyseOptions): Promise<TalkMeasurement> {
  const vad = await SileroVad.load();
  const expectedFrames = Math.ceil((opts.durationMs / 1000) * (SAMPLE_RATE / FRAME_SAMPLES)) + 8;
  const speech = new Column(expectedFrames);
  const power = new Column(expectedFrames);
  const pitch = new Column(expectedFrames);
  const centroid = new Column(expectedFrames);
  const flatness = new Column(expectedFrames);
  const frame = new Float32Array(FRAME_SAMPLES);
  // ffmpeg writes little-endian floats, as every platform the studio runs on stores them: bytes go straight in.
  const frameBytes = new Uint8Array(frame.buffer);
  const scratch = spectrumScratch();
  const shape = { centroidHz: 0, flatness: 1 };
  let filled = 0;
  let frames = 0;

  const measure = async () => {
    // onnxruntime-node runs the model on this thread (its promise only defers the call), so nothing
    // is measured alongside it: the model goes first, and pitch is then measured only where it heard
    // speech. Loud frames' spectra give brightness there and tonality everywhere (music is what the
    // model does not hear). All are summed up per segment (median, mean) or over a second, so every
    // other frame tells as much.
    const p = await vad.probability(frame);
    const ms = meanSquare(frame);
    const sampled = frames++ % FEATURE_STRIDE === 0 && powerDb(ms) >= FEATURE_FLOOR_DB;
    const heard = p >= defaultVadOptions.negThreshold;
    if (sampled) spectralShape(frame, scratch, shape);
    speech.push(p);
    power.push(ms);
    pitch.push(heard && sampled ? pitchHz(frame) : NaN);
    centroid.push(heard && sampled ? shape.centroidHz : NaN);
    flatness.push(sampled ? shape.flatness : NaN);
    if (opts.onProgress && speech.length % 200 === 0) {
      opts.onProgress(Math.min(0.99, (speech.length * FRAME_SAMPLES * 1000) / SAMPLE_RATE / Math.max(1, opts.durationMs)));
    }
  };

  const consume = async (stdout: Readable) => {
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes.length - filled, chunk.length - offset);
        chunk.copy(frameBytes, filled, offset, offset + take);
        filled += take;
        offset += take;
        if (filled === frameBytes.length) {
          await measure();
          filled = 0;
        }
      }
    }
    if (filled >= 4) {
      frameBytes.fill(0, filled - (filled % 4));
      await measure();
    }
  };

  try {
    vad.reset();
    await runFfmpeg(tools, monoPcmArgs(input, SAMPLE_RATE, 'f32le'), { signal: opts.signal, consumeStdout: consume });
  } finally {
    await vad.release();
  }

  const track: FrameTrack = {
    speech: speech.view(),
    meanSquare: power.view(),
    pitch: pitch.view(),
    centroid: centroid.view(),
    flatness: flatness.view(),
  };
  const durationMs = Math.round((speech.length * FRAME_SAMPLES * 1000) / SAMPLE_RATE);
  const spans = speechSpans(track.speech);
  const talk = spans.map((span) => segmentFeatures(track, span));
  const tones = toneSpans(track, spans).map((span) => ({ ...segmentFeatures(track, span), tone: true as const }));
  return { durationMs, segments: [...talk, ...tones].sort((a, b) => a.startMs - b.startMs) };
}
