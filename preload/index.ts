import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isCallName, type StudioBridge } from '../common/contract';
import type { ErrorPayload } from '../common/errors';

// The channel names of main/ipc.ts and main/pdf-export.ts and the URL shape of main/media-protocol.ts, spelled again here
// because the preload may import only common/ and electron.
const CALL_CHANNEL_PREFIX = 'studio:call:';
const EVENT_CHANNEL = 'studio:event';
const SAVE_PDF_CHANNEL = 'studio:shell:save-pdf';

type CallEnvelope = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/**
 * A failed call rejects with a plain `{ name, message, payload }` object, not an Error: the context
 * bridge copies only an Error's message (electron/electron#25596), while plain objects cross whole.
 * renderer/src/bridge/studio.ts turns it back into a StudioCallError.
 */
function failure(payload: ErrorPayload) {
  return { name: 'StudioCallError', message: payload.message, payload };
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();

// One IPC subscription for all events; listeners get payloads only, never the IPC event (it holds `sender`).
ipcRenderer.on(EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const studio: StudioBridge = {
  shell: 'electron',

  async invoke(name, input) {
    if (!isCallName(name)) {
      return Promise.reject(
        failure({ code: 'not_found', message: `unknown call ${String(name)}`, params: { entity: 'call', id: String(name) } }),
      );
    }
    const reply = (await ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${name}`, input)) as CallEnvelope;
    return reply.ok ? (reply.result as never) : Promise.reject(failure(reply.error));
  },

  on(event, listener) {
    const wrapped = listener as (payload: unknown) => void;
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(wrapped);
    return () => void set.delete(wrapped);
  },

  mediaUrl: (assetId) => `pcmedia://asset/${encodeURIComponent(assetId)}`,

  // Electron hands the core the file's own path, so nothing is copied through the renderer.
  async prepareImport(file) {
    const path = webUtils.getPathForFile(file);
    if (!path) return Promise.reject(failure({ code: 'file_not_found', message: 'file has no path on disk', params: { name: file.name } }));
    return { kind: 'path', path };
  },

  savePdf: (title) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, title),
};

contextBridge.exposeInMainWorld('studio', studio);
