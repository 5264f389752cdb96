import fs from 'node:fs/promises';
import { makeTestVideo } from '../../fixtures/media';

/**
 * A WebM written the way MediaRecorder writes one (streamed: no cues, no duration), cut into `count`
 * chunks at arbitrary byte offsets, as MediaRecorder's timeslices are not aligned to clusters either.
 */
export async function recorderChunks(dir: string, seconds: number, count: number): Promise<{ file: string; chunks: Buffer[] }> {
  const file = await makeTestVideo(dir, {
    name: `recorded-${seconds}s.webm`,
    seconds,
    width: 320,
    height: 180,
    container: 'webm',
    cues: false,
  });
  const bytes = await fs.readFile(file);
  const size = Math.ceil(bytes.length / count);
  const chunks = Array.from({ length: count }, (_, i) => bytes.subarray(i * size, Math.min(bytes.length, (i + 1) * size)));
  return { file, chunks };
}

export const startInput = {
  mode: 'camera',
  deviceLabel: 'Test camera',
  resolution: '720p',
  mime: 'video/webm;codecs=vp8,opus',
  width: 320,
  height: 180,
} as const;
