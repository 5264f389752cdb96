import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The hub's Prometheus metrics, in a registry of its own (not prom-client's global one: tests run
 * several hubs in one process). Every process counts for itself; Prometheus scrapes each process and
 * sums them. Bytes are counted from Content-Length, so a streamed answer without one is not counted.
 * prom-client's standard process metrics come along (CPU seconds, memory, event-loop delay, garbage
 * collection), under their usual names, so a stock Node.js dashboard shows where a process's time goes.
 */
export class HubMetrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'hub_http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly bytesIn = new Counter({ name: 'hub_http_received_bytes_total', help: 'Request body bytes', registers: [this.registry] });
  private readonly bytesOut = new Counter({ name: 'hub_http_sent_bytes_total', help: 'Response body bytes', registers: [this.registry] });
  readonly opsPushed = new Counter({ name: 'hub_ops_pushed_total', help: 'Ops received in pushes', registers: [this.registry] });
  readonly opsPulled = new Counter({ name: 'hub_ops_pulled_total', help: 'Ops sent in pull pages', registers: [this.registry] });
  readonly pullPages = new Counter({
    name: 'hub_pull_pages_total',
    help: "Pull pages answered, by where from: this process's cache of the op log (memory) or the database",
    labelNames: ['from'] as const,
    registers: [this.registry],
  });
  readonly uploadsStarted = new Counter({
    name: 'hub_upload_sessions_started_total',
    help: 'tus uploads created',
    registers: [this.registry],
  });
  readonly uploadsFinished = new Counter({
    name: 'hub_upload_sessions_finished_total',
    help: 'tus uploads verified and stored',
    registers: [this.registry],
  });
  readonly uploadsReadBack = new Counter({
    name: 'hub_upload_sessions_read_back_total',
    help: 'Finished uploads into object storage verified by reading them back whole (their running hash could not be used)',
    registers: [this.registry],
  });

  constructor(activeSockets: () => number) {
    this.gauge('hub_websockets_active', 'Open live-notice WebSockets on this process', activeSockets);
  }

  /** Reports how much of the op log this process holds in memory (hub/sync/op-cache.ts). */
  watchOpCache(heldBytes: () => number): void {
    this.gauge('hub_op_cache_bytes', "Bytes of op JSON this process holds of its communities' newest ops", heldBytes);
  }

  /** A gauge read from `value` whenever it is scraped. */
  private gauge(name: string, help: string, value: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(value());
      },
    });
  }

  /** The Prometheus text: this hub's metrics, then the process's. */
  async text(): Promise<{ text: string; contentType: string }> {
    const [own, shared] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { text: `${own}\n${shared}`, contentType: this.registry.contentType };
  }

  /** Counts every answered request; the route is the pattern (`/communities/:communityId`), never the raw URL. */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
      const received = Number(request.headers['content-length'] ?? 0);
      const sent = Number(reply.getHeader('content-length') ?? 0);
      if (received > 0) this.bytesIn.inc(received);
      if (sent > 0) this.bytesOut.inc(sent);
    });
  }
}

let processRegistry: Registry | null = null;

/**
 * The process's standard metrics, collected once however many hubs the process runs (tests run
 * several): each collector keeps an event-loop monitor and a GC observer for the life of the process.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
