/**
 * A steady 30 Hz tick for the picture-in-picture compositor. Timers in a hidden page slow to once a
 * second (the person is looking at the screen they share, not at us); a worker's timers do not.
 */
const FRAME_MS = 1000 / 30;
const scope = globalThis as unknown as { postMessage(message: unknown): void };
setInterval(() => scope.postMessage(0), FRAME_MS);
