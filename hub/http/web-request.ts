import type { IncomingMessage, ServerResponse } from 'node:http';

/** Socket reads (64 KiB or less) are handed on joined into pieces of at least this size. */
const PIECE_BYTES = 1024 * 1024;
/** Bytes of a request body held ahead of its reader before the socket is paused. */
const BODY_BUFFER_BYTES = 2 * PIECE_BYTES;
/**
 * A piece is handed on after this long even when smaller: on a slow link a megabyte takes minutes to
 * gather, and what is still gathered when the connection drops is lost and must be sent again.
 */
const PIECE_WAIT_MS = 200;

/**
 * A Node request body as a web stream of 1 MiB pieces (or what arrived in the last 200 ms, on a slow link). Node's `Readable.toWeb` copies every 64 KiB
 * socket read into a chunk of its own, and every chunk then costs each stream it passes through (tus
 * pipes a body through four, and writes each chunk with one call) about as much again: together,
 * most of the hub's time on a 200 MB upload. Joining reads into pieces costs one copy and passes
 * sixteen times fewer chunks (the hub's CPU time on a 200 MB upload: about 0.9 s with 256 KiB
 * pieces, 0.4 s with these); a read that is already large enough goes on as it is. The socket's
 * buffers are fresh per read and are only ever written to a file, so nothing needs detaching.
 */
function webBody(raw: IncomingMessage): ReadableStream<Uint8Array> {
  let parts: Buffer[] = [];
  let held = 0;
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const flush = () => {
          clearTimeout(timer);
          timer = undefined;
          if (held === 0) return;
          controller.enqueue(parts.length === 1 ? parts[0]! : Buffer.concat(parts, held));
          parts = [];
          held = 0;
        };
        raw.on('data', (chunk: Buffer) => {
          parts.push(chunk);
          held += chunk.length;
          if (held < PIECE_BYTES) {
            timer ??= setTimeout(flush, PIECE_WAIT_MS);
            return;
          }
          flush();
          if ((controller.desiredSize ?? 0) <= 0) raw.pause();
        });
        raw.once('end', () => {
          flush();
          controller.close();
        });
        raw.once('error', (err) => {
          clearTimeout(timer);
          controller.error(err);
        });
      },
      pull() {
        raw.resume();
      },
      cancel(reason) {
        raw.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BODY_BUFFER_BYTES }),
  );
}

/**
 * The origin of every web `Request` made here. Handlers see paths only (tus answers with relative
 * locations); taking the origin from the client's Host header made a malformed one (`Host: a b`)
 * throw before anything could answer.
 */
const REQUEST_ORIGIN = 'http://hub.invalid';

/**
 * A Node request as a web `Request` for handlers written to the web standard (@tus/server's
 * `handleWeb`). The Node objects ride along as `runtime.node`, where such handlers look for them to
 * notice a client that went away.
 */
export function toWebRequest(raw: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (let i = 0; i < raw.rawHeaders.length; i += 2) headers.append(raw.rawHeaders[i]!, raw.rawHeaders[i + 1]!);
  const hasBody = raw.method !== 'GET' && raw.method !== 'HEAD';
  const request = new Request(`${REQUEST_ORIGIN}${raw.url ?? '/'}`, {
    method: raw.method ?? 'GET',
    headers,
    ...(hasBody && { body: webBody(raw), duplex: 'half' }),
  } as RequestInit);
  return Object.assign(request, { runtime: { node: { req: raw, res } } });
}

/** Writes a web `Response` (small, like tus's) to a Node response. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}
