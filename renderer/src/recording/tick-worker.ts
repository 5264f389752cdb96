/**
 * A steady tick of at most 30 Hz for the picture-in-picture compositor. Timers in a hidden page slow
 * to once a second (the person is looking at the screen they share, not at us); a worker's do not.
 * The next tick is sent only once the page has drawn the last one, so a slow machine gets fewer
 * frames instead of a growing queue of them.
 */
const FRAME_MS = 1000 / 30;
const scope = globalThis as unknown as { postMessage(message: unknown): void; onmessage: (() => void) | null };
let drawing = false;
scope.onmessage = () => {
  drawing = false;
};
setInterval(() => {
  if (drawing) return;
  drawing = true;
  scope.postMessage(0);
}, FRAME_MS);
