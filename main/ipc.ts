import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { callNames } from '../common/contract';
import { StudioError, toErrorPayload, type ErrorPayload } from '../common/errors';
import type { Logger } from '../core/app/logger';
import type { Core } from '../core';
import { dispatch } from '../core/dispatch';
import { isAppUrl } from './schemes';

/** Channel names; preload/index.ts spells the same ones (it may import only common/). */
export const CALL_CHANNEL_PREFIX = 'studio:call:';
export const EVENT_CHANNEL = 'studio:event';

/**
 * What every call resolves to. Errors thrown out of ipcMain.handle reach the renderer as a bare
 * message, so failures travel as data instead.
 */
export type CallEnvelope = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/** Only the top frame of our window, showing our own page, may call the core. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return (
    !!window && !window.isDestroyed() && event.sender === window.webContents && !!frame && frame.parent === null && isAppUrl(frame.url)
  );
}

/**
 * Registers one handler per contract call and forwards core events to the window. Returns a function
 * that undoes both, so nothing reaches the core while it shuts down.
 */
export function registerIpc(core: Core, window: () => BrowserWindow | null, logger: Logger): () => void {
  for (const name of callNames) {
    ipcMain.handle(`${CALL_CHANNEL_PREFIX}${name}`, async (event, input: unknown): Promise<CallEnvelope> => {
      try {
        if (!isTrustedSender(event, window())) {
          logger.warn('ipc call refused: untrusted sender', { call: name, url: event.senderFrame?.url ?? null });
          throw new StudioError('forbidden', { call: name });
        }
        return { ok: true, result: await dispatch(core.api, name, input) };
      } catch (err) {
        const error = toErrorPayload(err);
        if (error.code === 'internal') logger.error('ipc call failed', { call: name, message: error.message });
        return { ok: false, error };
      }
    });
  }
  const unsubscribe = core.bus.subscribe((name, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(`${CALL_CHANNEL_PREFIX}${name}`);
  };
}
