import { boxAt, iou } from '../../common/blur-geometry';
import type { BlurBox, BlurRegion } from '../../common/schemas/blur';
import type { FaceLesson } from './face-lesson';

/** A found box counts for a face when it overlaps it this much (the detector's box is a little larger or smaller). */
const MATCH_IOU = 0.3;

export interface FaceScore {
  /** Faces of at least `minSize` px found, out of all such faces, over the sampled moments. */
  recall: number;
  /** Detected boxes that are on some face, out of all detected boxes at those moments. */
  precision: number;
  samples: number;
}

/** Recall and precision of the detected regions against the faces we placed, every `stepMs`. */
export function scoreFaces(lesson: FaceLesson, regions: BlurRegion[], o: { minSize: number; stepMs: number }): FaceScore {
  const detected = regions.filter((r) => r.source === 'detected' && !r.removed);
  let faces = 0;
  let found = 0;
  let boxes = 0;
  let onFace = 0;
  // The first and last half second are left out: a track's ends are widened by one sample interval either way.
  for (let t = 500; t <= lesson.durationMs - 500; t += o.stepMs) {
    const truth = lesson.faces.map((_, i) => lesson.faceAt(i, t));
    const at = detected.map((r) => boxAt(r, t)).filter((b): b is BlurBox => b !== null);
    lesson.faces.forEach((f, i) => {
      if (f.size < o.minSize) return;
      faces++;
      if (at.some((b) => iou(b, truth[i]!) >= MATCH_IOU)) found++;
    });
    boxes += at.length;
    onFace += at.filter((b) => truth.some((f) => iou(b, f) >= MATCH_IOU)).length;
  }
  return { recall: faces ? found / faces : 1, precision: boxes ? onFace / boxes : 1, samples: faces };
}
