import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BlurBox } from '../../common/schemas/blur';
import { locateMediaTools } from '../../core/media/tools';

/**
 * Classroom-like lessons whose faces we know. The face is the astronaut portrait scikit-image ships
 * (NASA, public domain; Debian's python3-skimage, skimage/data/astronaut.png, cropped to the head
 * and shoulders in tests/fixtures/faces/astronaut.jpg). ffmpeg lays copies of it, mirrored and tinted
 * so no two look alike, over a wall with a board and desks, each moving in a straight line; so where
 * every face is on every frame is known.
 */

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const FACE_IMAGE = path.join(here, '..', 'fixtures', 'faces', 'astronaut.jpg');
/** The crop is 240 × 260; the face inside it (forehead to chin, ear to ear), as fractions of the crop. */
const CROP = { w: 240, h: 260 };
const FACE_IN_CROP = { x: 0.19, y: 0.28, w: 0.38, h: 0.39 };

export interface FacePath {
  /** The face's width in pixels of the video. */
  size: number;
  /** Top-left of the face at the start and at the end, in pixels. */
  from: { x: number; y: number };
  to: { x: number; y: number };
  mirrored?: boolean;
  /** Hue turn in degrees, a different person's colouring. */
  hue?: number;
}

export interface FaceLesson {
  file: string;
  width: number;
  height: number;
  durationMs: number;
  faces: FacePath[];
  /** Where face i is at a moment, as fractions of the picture. */
  faceAt(i: number, tMs: number): BlurBox;
}

export interface FaceLessonOptions {
  seconds: number;
  width: number;
  height: number;
  fps?: number;
  faces: FacePath[];
  name?: string;
}

export async function makeFaceLesson(dir: string, o: FaceLessonOptions): Promise<FaceLesson> {
  const tools = locateMediaTools();
  const file = path.join(dir, o.name ?? 'faces.mp4');
  const T = o.seconds;
  const cropScale = (f: FacePath) => f.size / (FACE_IN_CROP.w * CROP.w);
  const filters: string[] = [
    // A wall, a board across the top and two rows of desks.
    `[0:v]drawbox=x=iw*0.2:y=ih*0.05:w=iw*0.6:h=ih*0.3:color=0x2f4f3a:t=fill,` +
      `drawbox=x=0:y=ih*0.78:w=iw:h=ih*0.06:color=0x8b5a2b:t=fill,drawbox=x=0:y=ih*0.92:w=iw:h=ih*0.05:color=0x8b5a2b:t=fill[bg0]`,
  ];
  o.faces.forEach((f, i) => {
    const s = cropScale(f);
    const w = Math.round((CROP.w * s) / 2) * 2;
    const h = Math.round((CROP.h * s) / 2) * 2;
    filters.push(`[1:v]scale=${w}:${h}${f.mirrored ? ',hflip' : ''}${f.hue ? `,hue=h=${f.hue}` : ''}[f${i}]`);
    // Overlay places the crop; the face sits inside it at FACE_IN_CROP.
    const ox = (p: { x: number }) =>
      p.x - FACE_IN_CROP.x * w * (f.mirrored ? 0 : 1) - (f.mirrored ? (1 - FACE_IN_CROP.x - FACE_IN_CROP.w) * w : 0);
    const oy = (p: { y: number }) => p.y - FACE_IN_CROP.y * h;
    const x = `${ox(f.from)}+(${ox(f.to) - ox(f.from)})*t/${T}`;
    const y = `${oy(f.from)}+(${oy(f.to) - oy(f.from)})*t/${T}`;
    filters.push(`[bg${i}][f${i}]overlay=x='${x}':y='${y}':eval=frame[bg${i + 1}]`);
  });
  const last = `[bg${o.faces.length}]`;
  filters.push(`${last}format=yuv420p[v]`);
  await run(tools.ffmpeg, [
    '-y',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `color=c=0xd8cfc0:s=${o.width}x${o.height}:r=${o.fps ?? 25}:d=${T}`,
    '-loop',
    '1',
    '-i',
    FACE_IMAGE,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=330:sample_rate=48000:duration=${T}`,
    '-filter_complex',
    filters.join(';'),
    '-map',
    '[v]',
    '-map',
    '2:a',
    '-t',
    String(T),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '20',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    file,
  ]);
  const faceAt = (i: number, tMs: number): BlurBox => {
    const f = o.faces[i]!;
    const k = Math.min(1, Math.max(0, tMs / 1000 / T));
    const fh = (f.size * (FACE_IN_CROP.h * CROP.h)) / (FACE_IN_CROP.w * CROP.w);
    const x = f.from.x + (f.to.x - f.from.x) * k;
    const y = f.from.y + (f.to.y - f.from.y) * k;
    return { x: x / o.width, y: y / o.height, w: f.size / o.width, h: fh / o.height };
  };
  return { file, width: o.width, height: o.height, durationMs: T * 1000, faces: o.faces, faceAt };
}

/** A front row and a back row: the faces of a small class seen from the teacher's camera. */
export function classroomFaces(width: number, height: number): FacePath[] {
  const u = width / 1280;
  const row = (y: number, size: number, xs: number[], drift: number, hueBase: number): FacePath[] =>
    xs.map((x, i) => ({
      size: Math.round(size * u),
      from: { x: Math.round(x * u), y: Math.round(y * (height / 720)) },
      to: { x: Math.round((x + (i % 2 ? -drift : drift)) * u), y: Math.round((y + (i % 2 ? 10 : -10)) * (height / 720)) },
      mirrored: i % 2 === 1,
      hue: hueBase + (i % 3) * 15 - 15,
    }));
  return [...row(420, 110, [80, 420, 760, 1080], 60, 0), ...row(250, 60, [200, 520, 840], 40, 10)];
}
