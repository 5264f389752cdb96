import { binaryFields, StudioCallError, type CallName, type StudioBridge } from '../../../common/contract';
import { isErrorPayload } from '../../../common/errors';

/** JSON for ordinary calls; for calls that carry bytes, the bytes as the raw body and the rest as JSON in the query. */
function request(name: CallName, input: unknown): [string, RequestInit] {
  const field = binaryFields[name];
  if (field && input && typeof input === 'object') {
    const { [field]: data, ...rest } = input as Record<string, unknown>;
    if (data instanceof Uint8Array) {
      return [
        `/rpc-binary/${name}?input=${encodeURIComponent(JSON.stringify(rest))}`,
        { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: data as Uint8Array<ArrayBuffer> },
      ];
    }
  }
  return [`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) }];
}

/**
 * window.studio for the browser shell: the same contract over loopback HTTP (POST /rpc/<name>),
 * events over one server-sent event stream, files streamed to /upload. The access token travels as
 * an HttpOnly cookie that the shell set when the page was first opened.
 */
export function createHttpBridge(): StudioBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const connect = () => {
    if (source) return;
    source = new EventSource('/events');
    source.addEventListener('error', () => window.dispatchEvent(new CustomEvent('studio-connection', { detail: 'lost' })));
    source.addEventListener('open', () => window.dispatchEvent(new CustomEvent('studio-connection', { detail: 'open' })));
  };

  return {
    shell: 'web',
    async invoke(name, input) {
      let res: Response;
      try {
        res = await fetch(...request(name, input));
      } catch {
        throw new StudioCallError({ code: 'internal', message: 'studio_unreachable', params: {} });
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        throw new StudioCallError(isErrorPayload(body) ? body : { code: 'internal', message: `HTTP ${res.status}`, params: {} });
      }
      return (body as { result: never }).result;
    },
    on(event, listener) {
      connect();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        source!.addEventListener(event, (e) => {
          const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
          for (const l of listeners.get(event) ?? []) l(payload);
        });
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    mediaUrl: (assetId) => `/media/${encodeURIComponent(assetId)}`,
    prepareImport(file, onProgress) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/upload');
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
        xhr.onload = () => {
          const body: unknown = JSON.parse(xhr.responseText || 'null');
          if (xhr.status === 200) resolve({ kind: 'staged', stagedId: (body as { stagedId: string }).stagedId, name: file.name });
          else reject(new StudioCallError(isErrorPayload(body) ? body : { code: 'internal', message: `HTTP ${xhr.status}`, params: {} }));
        };
        xhr.onerror = () => reject(new StudioCallError({ code: 'internal', message: 'studio_unreachable', params: {} }));
        xhr.send(file);
      });
    },
  };
}
