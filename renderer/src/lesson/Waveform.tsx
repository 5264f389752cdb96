import { memo, useEffect, useRef } from 'react';
import type { Peaks } from '../lib/media-json';

/** Canvases wider than this fail to allocate in Chromium; past it the waveform is drawn less sharply. */
const MAX_CANVAS_PX = 16_000;

/** The lesson's sound as min/max bars across the width of the timeline. */
export const Waveform = memo(function Waveform({ peaks, widthPx, durationMs }: { peaks: Peaks; widthPx: number; durationMs: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || widthPx <= 0 || durationMs <= 0) return;
    const scale = Math.min(window.devicePixelRatio || 1, MAX_CANVAS_PX / widthPx);
    const height = canvas.clientHeight || 40;
    canvas.width = Math.max(1, Math.floor(widthPx * scale));
    canvas.height = Math.floor(height * scale);
    const g = canvas.getContext('2d');
    if (!g) return;
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = getComputedStyle(canvas).color;
    const mid = canvas.height / 2;
    const buckets = peaks.data.length / 2;
    const bucketsPerPx = (peaks.peaksPerSecond * durationMs) / 1000 / canvas.width;
    for (let x = 0; x < canvas.width; x++) {
      const from = Math.floor(x * bucketsPerPx);
      const to = Math.min(buckets, Math.max(from + 1, Math.floor((x + 1) * bucketsPerPx)));
      let lo = 0;
      let hi = 0;
      for (let b = from; b < to; b++) {
        lo = Math.min(lo, peaks.data[2 * b]!);
        hi = Math.max(hi, peaks.data[2 * b + 1]!);
      }
      if (hi - lo > 0) g.fillRect(x, mid - hi * mid, 1, Math.max(1, (hi - lo) * mid));
    }
  }, [peaks, widthPx, durationMs]);
  return <canvas ref={ref} className="waveform" aria-hidden="true" />;
});
