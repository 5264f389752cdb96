import net from 'node:net';

export interface ThrottledProxy {
  url: string;
  /** Bytes that went from the studio towards the hub. */
  readonly upBytes: number;
  /** Drops every connection at once, as a school's link does. */
  cut(): void;
  close(): Promise<void>;
}

const TICK_MS = 50;

/**
 * A TCP relay to a local hub whose upstream (studio to hub) carries at most `bytesPerSecond`, as a
 * slow school link does; answers come back at full speed. Reading from the studio stops while what it
 * sent waits its turn, so the studio's own sockets fill up as on a real slow link.
 */
export async function startThrottledProxy(targetPort: number, bytesPerSecond: number): Promise<ThrottledProxy> {
  const sockets = new Set<net.Socket>();
  let upBytes = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const waiting: Buffer[] = [];
    let allowance = 0;
    const tick = setInterval(() => {
      allowance = Math.min(allowance + (bytesPerSecond * TICK_MS) / 1000, bytesPerSecond);
      while (allowance > 0 && waiting.length > 0) {
        const next = waiting[0]!;
        const n = Math.min(next.length, Math.floor(allowance));
        if (n === 0) break;
        upstream.write(next.subarray(0, n));
        upBytes += n;
        allowance -= n;
        if (n === next.length) waiting.shift();
        else waiting[0] = next.subarray(n);
      }
      if (waiting.length === 0) client.resume();
    }, TICK_MS);
    client.on('data', (data: Buffer) => {
      waiting.push(data);
      client.pause();
    });
    upstream.pipe(client);
    const drop = () => {
      clearInterval(tick);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', drop);
      s.on('close', drop);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    get upBytes() {
      return upBytes;
    },
    cut() {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
