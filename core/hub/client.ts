import type { z } from 'zod';
import { errorCodes, StudioError, type ErrorCode, type ErrorParams } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';

type Endpoints = typeof hubEndpoints;
export type EndpointName = keyof Endpoints;
type ResponseOf<N extends EndpointName> = Endpoints[N] extends { response: infer R extends z.ZodType } ? z.output<R> : void;
type BodyOf<N extends EndpointName> = Endpoints[N] extends { body: infer B extends z.ZodType } ? z.input<B> : never;

export interface CallOptions<N extends EndpointName> {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: BodyOf<N>;
  /** Sent instead of the stored session (signing in has none yet). */
  token?: string | null;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** The hub is down, restarting or unreachable: nothing is wrong with the request, try again later. */
export function unreachable(detail: string): StudioError {
  return new StudioError('hub_unreachable', { detail: detail.slice(0, 200) });
}

/** Turns a hub error response into the StudioError it describes. */
export async function errorFromResponse(res: Response): Promise<StudioError> {
  if (res.status === 502 || res.status === 503 || res.status === 504) return unreachable(`HTTP ${res.status}`);
  const body = (await res.json().catch(() => null)) as { code?: unknown; params?: unknown } | null;
  const code = errorCodes.find((c) => c === body?.code) as ErrorCode | undefined;
  const params = body?.params && typeof body.params === 'object' ? (body.params as ErrorParams) : {};
  return new StudioError(code ?? 'internal', code ? params : { status: res.status });
}

export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z0-9]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/**
 * A typed client for the hub's REST routes (common/hub-api.ts). Every answer is parsed with the
 * shared schema; every failure is a StudioError: `hub_unreachable` for the network, otherwise the
 * hub's own code (`session_expired`, `forbidden`, `resync_required`...).
 */
export class HubClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: () => Promise<string | null>,
  ) {}

  async authorization(token?: string | null): Promise<Record<string, string>> {
    const value = token === undefined ? await this.token() : token;
    return value ? { authorization: `Bearer ${value}` } : {};
  }

  url(path: string, query?: Record<string, string | number | undefined>): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async call<N extends EndpointName>(name: N, options: CallOptions<N> = {}): Promise<ResponseOf<N>> {
    const endpoint = hubEndpoints[name] as { method: string; path: string; auth: boolean; response?: z.ZodType };
    const headers: Record<string, string> = endpoint.auth ? await this.authorization(options.token) : {};
    if (endpoint.auth && !headers.authorization) throw new StudioError('unauthorized');
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.url(fillPath(endpoint.path, options.params), options.query), {
        method: endpoint.method,
        headers,
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw unreachable(err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
    }
    if (!res.ok) throw await errorFromResponse(res);
    if (!endpoint.response) {
      await res.body?.cancel();
      return undefined as ResponseOf<N>;
    }
    const json: unknown = await res.json().catch(() => {
      throw unreachable('unreadable answer');
    });
    return endpoint.response.parse(json) as ResponseOf<N>;
  }
}
