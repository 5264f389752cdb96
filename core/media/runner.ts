import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { StudioError } from '../../common/errors';

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Length of the media being processed; with onProgress, turns ffmpeg's out_time into a fraction. */
  durationMs?: number;
  /** Called with a fraction in 0..1 that only ever grows, and with exactly 1 on success. */
  onProgress?: (fraction: number) => void;
  stdin?: Readable | Buffer;
  /** Receives stdout as it arrives instead of collecting it (raw PCM can be hundreds of MB). */
  onStdout?: (chunk: Buffer) => void;
  /**
   * Reads stdout itself, at its own pace: ffmpeg waits while the consumer is busy (backpressure), so
   * a slow reader never holds more than a pipe's worth. Its failure stops ffmpeg and is the result.
   */
  consumeStdout?: (stdout: Readable) => Promise<void>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

const STDERR_KEEP = 64 * 1024;
const KILL_GRACE_MS = 1500;
const DETAIL_LINES = 5;
const RUNNING_MAX = 0.99;
const NO_SPACE = /No space left on device/i;

/**
 * The one place ffmpeg and ffprobe are spawned: an argument array (never a shell), cancellable,
 * bounded in memory, and every failure turned into a StudioError the UI can explain.
 */
export function runTool(bin: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const { signal, timeoutMs, durationMs, onProgress, stdin, onStdout, consumeStdout } = opts;
  if (signal?.aborted) return Promise.reject(new StudioError('media_cancelled'));
  // Progress shares stdout with ffmpeg's output, so it is only requested when stdout carries no data.
  const progress =
    onProgress && !onStdout && !consumeStdout && durationMs && durationMs > 0 ? new ProgressParser(durationMs, onProgress) : null;
  const fullArgs = progress ? ['-progress', 'pipe:1', '-nostats', ...args] : args;

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(bin, fullArgs, { stdio: 'pipe', windowsHide: true });
    let stdout = '';
    let stderr = '';
    let stopReason: 'media_cancelled' | 'media_timeout' | null = null;
    let killTimer: NodeJS.Timeout | undefined;

    const stop = (reason: 'media_cancelled' | 'media_timeout') => {
      if (stopReason || child.exitCode !== null) return;
      stopReason = reason;
      child.kill('SIGTERM');
      // ffmpeg may spend a while finalising its output on SIGTERM; a cancelled job must not wait for that.
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const onAbort = () => stop('media_cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = timeoutMs ? setTimeout(() => stop('media_timeout'), timeoutMs) : undefined;

    let consumed: Promise<unknown> = Promise.resolve();
    let consumerError: unknown = null;
    if (consumeStdout) {
      consumed = consumeStdout(child.stdout).catch((err: unknown) => {
        consumerError = err;
        child.kill('SIGKILL');
      });
    } else if (onStdout) child.stdout.on('data', onStdout);
    else {
      // Decoding on the stream keeps a character split across two chunks (a file name in Arabic) whole.
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        if (progress) progress.push(text);
        else stdout += text;
      });
    }
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      if (stderr.length > STDERR_KEEP) stderr = stderr.slice(-STDERR_KEEP);
    });
    // ffmpeg closes its input early when it has read enough; that is not a failure.
    child.stdin.on('error', () => undefined);
    if (!stdin) child.stdin.end();
    else if (Buffer.isBuffer(stdin)) child.stdin.end(stdin);
    else stdin.pipe(child.stdin);

    let settled = false;
    const settle = (err: StudioError | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timeout);
      clearTimeout(killTimer);
      if (err) reject(err);
      else {
        progress?.finish();
        resolve({ stdout, stderr });
      }
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      // Only a failed spawn reaches here with no pid; other errors are followed by 'close'.
      if (child.pid !== undefined) return;
      const missing = err.code === 'ENOENT' || err.code === 'EACCES';
      settle(missing ? new StudioError('ffmpeg_missing', { path: bin }) : new StudioError('media_failed', { detail: err.message }));
    });
    child.on('close', (code, exitSignal) => {
      void consumed.then(() => {
        if (stopReason) settle(new StudioError(stopReason));
        else if (consumerError)
          settle(consumerError instanceof StudioError ? consumerError : new StudioError('media_failed', { detail: String(consumerError) }));
        // ffmpeg can exit 0 after failing to write its trailer, leaving a broken file: check stderr too.
        else if (NO_SPACE.test(stderr)) settle(new StudioError('disk_full'));
        else if (code !== 0) settle(failure(stderr, code, exitSignal));
        else settle(null);
      });
    });
  });
}

/** ffmpeg with the flags every call wants: never read the terminal, report errors only. */
export function runFfmpeg(tools: { ffmpeg: string }, args: string[], opts?: RunOptions): Promise<RunResult> {
  return runTool(tools.ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', ...args], opts);
}

export function runFfprobe(tools: { ffprobe: string }, args: string[], opts?: RunOptions): Promise<RunResult> {
  return runTool(tools.ffprobe, ['-hide_banner', '-loglevel', 'error', ...args], opts);
}

function failure(stderr: string, code: number | null, exitSignal: NodeJS.Signals | null): StudioError {
  const detail = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-DETAIL_LINES)
    .join('\n');
  return new StudioError('media_failed', { detail, exit: code ?? exitSignal ?? 'unknown' });
}

/** Reads ffmpeg's `-progress` key=value stream; out_time_us (or the misnamed out_time_ms, also µs). */
class ProgressParser {
  private buffer = '';
  private last = 0;

  constructor(
    private readonly durationMs: number,
    private readonly onProgress: (fraction: number) => void,
  ) {}

  push(text: string): void {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^out_time_(?:us|ms)=(\d+)/.exec(line.trim());
      // Held below 1 while running: 1 means finished, and out_time can overshoot the probed duration.
      if (match) this.report(Math.min(RUNNING_MAX, Number(match[1]) / 1000 / this.durationMs));
    }
  }

  finish(): void {
    this.report(1);
  }

  private report(fraction: number): void {
    if (fraction <= this.last) return;
    this.last = fraction;
    this.onProgress(fraction);
  }
}
