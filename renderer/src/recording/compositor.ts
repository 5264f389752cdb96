/** The camera's share of the picture's width, and the gap to the edges, as fractions of the width. */
const CAMERA_WIDTH = 0.24;
const MARGIN = 0.02;

function playing(stream: MediaStream): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  void video.play();
  return video;
}

/**
 * The screen with the camera in a bottom corner, painted onto a canvas whose stream is recorded as
 * one video. `corner` is the inline end of the person's language, where the app puts its own overlays.
 */
export function pictureInPicture(
  screen: MediaStream,
  camera: MediaStream,
  o: { height: number; corner: 'left' | 'right' },
): { stream: MediaStream; stop(): void } {
  const screenTrack = screen.getVideoTracks()[0];
  const { width: sw = 16, height: sh = 9 } = screenTrack?.getSettings() ?? {};
  const height = Math.min(o.height, sh) - (Math.min(o.height, sh) % 2);
  const width = Math.round((height * sw) / sh / 2) * 2;

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const screenVideo = playing(screen);
  const cameraVideo = playing(camera);

  // Every tick paints a frame, black until the screen's first picture arrives: MediaRecorder does not
  // start on a canvas stream before its first frame.
  const draw = () => {
    if (screenVideo.readyState >= 2) ctx.drawImage(screenVideo, 0, 0, width, height);
    else ctx.fillRect(0, 0, width, height);
    if (cameraVideo.readyState < 2 || !cameraVideo.videoWidth) return;
    const w = Math.round(width * CAMERA_WIDTH);
    const h = Math.round((w * cameraVideo.videoHeight) / cameraVideo.videoWidth);
    const margin = Math.round(width * MARGIN);
    const x = o.corner === 'right' ? width - w - margin : margin;
    const y = height - h - margin;
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, Math.round(w * 0.05));
    ctx.clip();
    ctx.drawImage(cameraVideo, x, y, w, h);
    ctx.restore();
    ctx.lineWidth = Math.max(2, Math.round(width / 400));
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, Math.round(w * 0.05));
    ctx.stroke();
  };

  const ticker = new Worker(new URL('./tick-worker.ts', import.meta.url), { type: 'module' });
  ticker.onmessage = () => {
    draw();
    ticker.postMessage(0);
  };
  draw();
  return {
    stream: canvas.captureStream(30),
    stop() {
      ticker.terminate();
      for (const v of [screenVideo, cameraVideo]) v.srcObject = null;
    },
  };
}
