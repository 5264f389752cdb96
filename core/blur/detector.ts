import { createRequire } from 'node:module';
import path from 'node:path';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type * as TfCore from '@tensorflow/tfjs-core';
import { iou } from '../../common/blur-geometry';
import type { BlurMode } from '../../common/schemas/blur';
import type { Detection } from './tracker';

/**
 * The face detector: face-api's SSD MobileNet, whose weights ship inside the @vladmandic/face-api
 * package, on TensorFlow.js's WebAssembly backend (no native build, nothing downloaded: the .wasm
 * files come from @tensorflow/tfjs-backend-wasm). Both are read through fs. Loaded once per process.
 * (face-api's tiny detector is four times quicker but misses faces under about 40 px of its input.)
 *
 * The model sees a 512 × 512 picture whatever it is given, so a thorough pass also looks at four
 * overlapping quarters of the frame, where a face at the back of a room is twice as large.
 */
let ready: Promise<void> | undefined;
/** The TensorFlow.js instance face-api itself loaded (importing tfjs-core here could load a second copy). */
const tf = faceapi.tf as unknown as typeof TfCore;

function load(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(wasmDir + path.sep);
    await tf.setBackend('wasm');
    await tf.ready();
    const models = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  })().catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

const thresholds: Record<BlurMode, number> = { standard: 0.45, thorough: 0.3 };
/** Quarters overlap by a fifth of the frame, so a face on a seam is whole in one of them. */
const QUARTER = 0.6;

export interface FaceDetector {
  /** Faces in one RGB frame, as fractions of the frame. */
  detect(rgb: Uint8Array, width: number, height: number): Promise<Detection[]>;
}

export async function loadFaceDetector(mode: BlurMode): Promise<FaceDetector> {
  await load();
  const opts = new faceapi.SsdMobilenetv1Options({ minConfidence: thresholds[mode], maxResults: 100 });
  const run = async (input: TfCore.Tensor3D, ox: number, oy: number, W: number, H: number) => {
    const found = await faceapi.detectAllFaces(input as unknown as faceapi.TNetInput, opts);
    return found.map((d) => clampBox((ox + d.box.x) / W, (oy + d.box.y) / H, d.box.width / W, d.box.height / H, d.score));
  };
  return {
    async detect(rgb, width, height) {
      const frame = tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        const all = await run(frame, 0, 0, width, height);
        if (mode === 'thorough') {
          const qw = Math.round(width * QUARTER);
          const qh = Math.round(height * QUARTER);
          for (const [ox, oy] of [
            [0, 0],
            [width - qw, 0],
            [0, height - qh],
            [width - qw, height - qh],
          ] as const) {
            const part = tf.slice(frame, [oy, ox, 0], [qh, qw, 3]) as TfCore.Tensor3D;
            try {
              all.push(...(await run(part, ox, oy, width, height)));
            } finally {
              part.dispose();
            }
          }
        }
        return suppressOverlaps(all);
      } finally {
        frame.dispose();
      }
    },
  };
}

/** One box per face: of boxes that overlap much, the surest stays. */
function suppressOverlaps(ds: Detection[]): Detection[] {
  const kept: Detection[] = [];
  for (const d of [...ds].sort((a, b) => b.score - a.score)) if (!kept.some((k) => iou(k, d) > 0.4)) kept.push(d);
  return kept;
}

function clampBox(x: number, y: number, w: number, h: number, score: number): Detection {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(1, x + w);
  const y1 = Math.min(1, y + h);
  return { x: x0, y: y0, w: Math.max(1e-4, x1 - x0), h: Math.max(1e-4, y1 - y0), score };
}
