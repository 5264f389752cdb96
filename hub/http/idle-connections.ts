import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Keeps track of the connections with no request under way, so a graceful close does not wait on
 * them. Node's own `closeIdleConnections` (which Fastify calls) skips a connection that has not sent
 * its first request yet: a client that opened one ahead of a request it then dropped (a studio
 * closing mid-sync) would hold the hub's shutdown for over a minute, until Node's header timeout.
 * Requests under way finish; their connection closes once they are answered.
 */
export function idleConnections(server: Server): { closeIdle(): void } {
  const idle = new Set<Socket>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    if (closing) return void socket.destroy();
    idle.add(socket);
    socket.once('close', () => idle.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    idle.delete(socket);
    res.once('close', () => {
      if (socket.destroyed) return;
      if (closing) socket.end();
      else idle.add(socket);
    });
  });
  // An upgraded socket belongs to the WebSocket server, which closes it.
  server.on('upgrade', (req) => idle.delete(req.socket));
  return {
    closeIdle() {
      closing = true;
      for (const socket of idle) socket.destroy();
      idle.clear();
    },
  };
}
