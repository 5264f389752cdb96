import WebSocket from 'ws';
import { EVENTS_PATH, hubEventSchema, type HubEvent } from '../../common/hub-api';

/** The hub closes with this code when the session behind the socket ended. */
const SESSION_ENDED_CLOSE_CODE = 4401;

export interface HubEventsOptions {
  baseUrl: string;
  token: string;
  onEvent(event: HubEvent): void;
  /** The socket is open: notices from now on will arrive. */
  onOpen(): void;
  /** The socket closed; `sessionEnded` when the hub says the person must sign in again. */
  onClose(sessionEnded: boolean): void;
}

/**
 * Listens for the hub's notices while online, so a device pulls as soon as others push instead of at
 * its next poll. Notices carry no data; the pull that follows is what checks access.
 */
export function connectHubEvents(o: HubEventsOptions): { close(): void } {
  const url = `${o.baseUrl.replace(/^http/, 'ws')}${EVENTS_PATH}`;
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${o.token}` }, handshakeTimeout: 10_000 });
  let closed = false;
  const finish = (sessionEnded: boolean) => {
    if (closed) return;
    closed = true;
    o.onClose(sessionEnded);
  };
  socket.on('open', () => o.onOpen());
  socket.on('message', (data) => {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = hubEventSchema.safeParse(json);
    if (parsed.success) o.onEvent(parsed.data);
  });
  socket.on('unexpected-response', (_req, res) => {
    finish(res.statusCode === 401);
    socket.terminate();
  });
  socket.on('close', (code) => finish(code === SESSION_ENDED_CLOSE_CODE));
  socket.on('error', () => {
    socket.terminate();
    finish(false);
  });
  return {
    close() {
      closed = true;
      socket.terminate();
    },
  };
}
