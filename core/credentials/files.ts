import { PNG } from 'pngjs';
import { isPng } from './png-baking';

/** A file name from the achievement's name that is safe on every OS. */
export function fileNameFor(credential: Record<string, unknown>, ext: 'json' | 'png'): string {
  const name = typeof credential.name === 'string' ? credential.name : 'credential';
  const base =
    name
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'credential';
  return `${base}.${ext === 'json' ? 'json' : 'png'}`;
}

const SIZE = 256;

/** A plain round badge (teal disc, lighter ring) for achievements defined without a PNG image. */
function defaultBadge(): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  const c = SIZE / 2;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = Math.hypot(x - c + 0.5, y - c + 0.5);
      const i = (y * SIZE + x) * 4;
      const [r, g, b, a] = d > 120 ? [0, 0, 0, 0] : d > 104 ? [94, 186, 175, 255] : [17, 110, 104, 255];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/**
 * The image to bake the credential into: its achievement's own PNG, as this studio holds the
 * achievement record, when it has one; else a plain badge.
 */
export function badgeImage(achievementImage: string | null): Buffer {
  if (achievementImage?.startsWith('data:image/png;base64,')) {
    const bytes = Buffer.from(achievementImage.slice('data:image/png;base64,'.length), 'base64');
    if (isPng(bytes)) return bytes;
  }
  return defaultBadge();
}
