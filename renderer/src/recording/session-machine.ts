/**
 * The recording session's states and the moves between them, with no devices, timers or calls: the store in
 * `session.ts` asks `transition` before every change of phase and does the side effects itself.
 *
 *   setup ──begin──▶ countdown ──started──▶ recording ◀──resume── paused
 *     ▲                 │ cancel, failed       │ pause ──────────────▲
 *     ├─────────────────┘                      │ stop                │ stop
 *     └──────stopped──────── stopping ◀────────┴─────────────────────┘
 *
 * The countdown phase lasts until the core has opened the part file (`started`), so a cancel or a failure
 * while it opens still returns to the set-up.
 */
export type Phase = 'setup' | 'countdown' | 'recording' | 'paused' | 'stopping';

export type SessionEvent = 'begin' | 'cancel' | 'failed' | 'started' | 'pause' | 'resume' | 'stop' | 'stopped';

const moves: Record<Phase, Partial<Record<SessionEvent, Phase>>> = {
  setup: { begin: 'countdown' },
  countdown: { cancel: 'setup', failed: 'setup', started: 'recording' },
  recording: { pause: 'paused', stop: 'stopping' },
  paused: { resume: 'recording', stop: 'stopping' },
  stopping: { stopped: 'setup' },
};

/** The phase `event` leads to from `phase`, or null when the event means nothing there (it is then ignored). */
export function transition(phase: Phase, event: SessionEvent): Phase | null {
  return moves[phase][event] ?? null;
}

/** Why a recording ended; anything but the person's own stop is explained to them. */
export type StopReason = 'user' | 'limit' | 'device_lost' | 'screen_ended' | 'failed';

export const COUNTDOWN_S = 3;

/** One second of the countdown: the number to show next, or null when recording should start. */
export function countdownTick(shown: number): number | null {
  const next = shown - 1;
  return next > 0 ? next : null;
}

/** The length limit in milliseconds from the set-up's minutes; 0 minutes means none. */
export function limitMs(limitMin: number): number | null {
  return limitMin ? limitMin * 60_000 : null;
}

export function limitReached(elapsedMs: number, limit: number | null): boolean {
  return !!limit && elapsedMs >= limit;
}

/** What the person is told after a stop they did not ask for (a failure has its own message with the cause). */
export function stopNotice(reason: StopReason): { kind: 'info' | 'error'; key: string } | null {
  if (reason === 'user' || reason === 'failed') return null;
  return { kind: reason === 'device_lost' ? 'error' : 'info', key: `record.stoppedBy.${reason}` };
}
