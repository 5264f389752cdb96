import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { toErrorPayload } from '../../common/errors';
import { EVENTS_PATH, SESSION_ENDED_CLOSE_CODE, type HubEvent } from '../../common/hub-api';
import type { SessionUser } from '../auth/sessions';
import type { HubDb } from '../db/open';
import { statusFor } from '../http/errors';
import type { NoticeChannel } from './notices';

const HEARTBEAT_MS = 30_000;

interface Connection {
  socket: WebSocket;
  session: SessionUser;
  alive: boolean;
}

/**
 * Tells connected devices that new ops landed in their communities, so they pull at once instead of
 * waiting for their next poll. Notices carry no data; access is still checked by the pull itself.
 * Notices go through a channel shared by every process of the hub (notices.ts), so a device hears of
 * ops pushed to any of them.
 */
export class EventHub {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly channel: NoticeChannel,
    private readonly db: HubDb,
    private readonly authenticate: (authorization: string | undefined) => Promise<SessionUser>,
    private readonly now: () => number,
  ) {
    this.heartbeat = setInterval(() => void this.checkConnections(), HEARTBEAT_MS);
    this.heartbeat.unref();
    channel.listen((notice) => {
      if (notice.type === 'ops') void this.deliver(notice.community, notice.seq).catch(() => undefined);
      else this.disconnectHere(notice.userId);
    });
  }

  attach(http: Server): void {
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (new URL(request.url ?? '/', 'http://hub').pathname !== EVENTS_PATH) {
      refuse(socket, 404, { code: 'not_found', message: 'not_found', params: {} });
      return;
    }
    let session: SessionUser;
    try {
      session = await this.authenticate(request.headers.authorization);
    } catch (err) {
      const payload = toErrorPayload(err);
      refuse(socket, statusFor(payload.code), payload);
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.add(ws, session));
  }

  private add(socket: WebSocket, session: SessionUser): void {
    const connection: Connection = { socket, session, alive: true };
    let connections = this.byUser.get(session.userId);
    if (!connections) {
      connections = new Set();
      this.byUser.set(session.userId, connections);
    }
    connections.add(connection);
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => {
      connections.delete(connection);
      if (connections.size === 0) this.byUser.delete(session.userId);
    });
    socket.on('error', () => socket.terminate());
  }

  /** Open sockets on this process (a metric). */
  connectionCount(): number {
    let count = 0;
    for (const connections of this.byUser.values()) count += connections.size;
    return count;
  }

  /** Tells every process's devices in the community that ops up to `seq` landed. */
  async notify(communityId: string, seq: number): Promise<void> {
    await this.channel.publish({ type: 'ops', community: communityId, seq });
  }

  private async deliver(communityId: string, seq: number): Promise<void> {
    if (this.byUser.size === 0) return;
    const members = await this.db.selectFrom('members').select('user_id').where('community_id', '=', communityId).execute();
    const event: HubEvent = { type: 'ops', community: communityId, seq };
    const message = JSON.stringify(event);
    for (const { user_id } of members) {
      for (const { socket } of this.byUser.get(user_id) ?? []) {
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
      }
    }
  }

  /** Closes the person's sockets on every process (they signed out everywhere). */
  async disconnectUser(userId: string): Promise<void> {
    await this.channel.publish({ type: 'signed-out', userId });
  }

  private disconnectHere(userId: string): void {
    for (const { socket } of this.byUser.get(userId) ?? []) socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
  }

  /** Drops connections that stopped answering pings or whose session ended or expired. */
  private async checkConnections(): Promise<void> {
    for (const connections of this.byUser.values()) {
      for (const connection of connections) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        const session = await this.db
          .selectFrom('sessions')
          .select('expires_at')
          .where('token_hash', '=', connection.session.tokenHash)
          .executeTakeFirst()
          .catch(() => undefined);
        if (!session || session.expires_at <= this.now()) {
          connection.socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const connections of this.byUser.values()) {
      for (const { socket } of connections) socket.close(1001, 'hub shutting down');
    }
    this.server.close();
  }
}

function refuse(socket: Duplex, status: number, body: object): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}
