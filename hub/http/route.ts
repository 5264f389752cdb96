import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import type { HubEndpoint } from '../../common/hub-api';
import type { SessionUser } from '../auth/sessions';
import type { HubContext } from '../context';

type Parsed<E, K extends 'params' | 'query' | 'body'> = E extends { [key in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a handler gets: the request's parts, each parsed with its endpoint's schema, and who sent it. */
export interface RouteInput<E extends HubEndpoint> {
  params: Parsed<E, 'params'>;
  query: Parsed<E, 'query'>;
  body: Parsed<E, 'body'>;
  /** The signed-in account, for endpoints with `auth: true`. */
  account: E extends { auth: true } ? SessionUser : undefined;
  /** For the client's address and the request's logger; the parts above are already parsed. */
  request: FastifyRequest;
}

/**
 * An answer already written as JSON text, or as its UTF-8 bytes (a pull page is assembled from stored
 * op JSON, never parsed and written again); sent as it is.
 */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

/** An answer that is not JSON (the Prometheus text format), sent as it is with its content type. */
export class PlainText {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

/** The answer an endpoint's response schema describes; nothing for a 204. */
export type Answer<E extends HubEndpoint> = E extends { response: infer R extends z.ZodType } ? z.input<R> | JsonText | PlainText : void;

export type Handler<E extends HubEndpoint, A> = (input: RouteInput<E> & { access: A }) => Promise<Answer<E>>;

/**
 * A handler that decides who may call before the body is read, so a caller without the right is
 * refused (403) whatever the body holds; `authorize`'s result reaches `handle` as `access`.
 */
export interface GuardedHandler<E extends HubEndpoint, A> {
  authorize(input: Omit<RouteInput<E>, 'body'>): Promise<A>;
  handle: Handler<E, A>;
}

/**
 * A handler that checks the caller's session itself, in the same round trip as its own first reads
 * (a pull reads the session, the caller's role and the op log's head in one query; a push the
 * session and the sender's roles): it gets the `Authorization` header instead of an account, and must
 * refuse as `ctx.authenticate` would. Params, query and body are parsed first; when one is bad, the
 * session is still checked before the 400, so a caller without a valid session hears 401 first, as
 * from every other endpoint.
 */
export interface SelfAuthenticatingHandler<E extends HubEndpoint> {
  authenticatesItself: true;
  handle(input: Omit<RouteInput<E>, 'account'> & { authorization: string | undefined }): Promise<Answer<E>>;
}

/** What `route` needs of the hub: how to authenticate, and whether answers are checked (tests). */
export type RouteContext = Pick<HubContext, 'authenticate' | 'checkResponses'>;

/**
 * Registers one endpoint of the hub's table (common/hub-api.ts) exactly as the table describes it:
 * its method and path; its body limit; authentication when `auth` is set (401 `unauthorized` or
 * `session_expired` before anything else is read; a `SelfAuthenticatingHandler` checks it in its own
 * first query, still before a bad request's 400); then params, query and body parsed with its
 * schemas (a bad one is 400 `invalid_input`, via hub/http/errors.ts); then the handler. The answer is
 * sent with the table's status, or 204 when the endpoint has no response. With `checkResponses` on
 * (tests), an answer its response schema does not describe fails the request with 500 `internal`.
 */
export function route<const E extends HubEndpoint, A = undefined>(
  app: FastifyInstance,
  ctx: RouteContext,
  endpoint: E,
  handler: Handler<E, undefined> | GuardedHandler<E, A>,
): void;
export function route<const E extends HubEndpoint>(
  app: FastifyInstance,
  ctx: RouteContext,
  endpoint: E,
  handler: SelfAuthenticatingHandler<E>,
): void;
export function route<const E extends HubEndpoint, A = undefined>(
  app: FastifyInstance,
  ctx: RouteContext,
  endpoint: E,
  handler: Handler<E, undefined> | GuardedHandler<E, A> | SelfAuthenticatingHandler<E>,
): void {
  const selfAuthenticating = typeof handler !== 'function' && 'authenticatesItself' in handler;
  const { authorize, handle } = normalized<E, A>(handler);
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(endpoint.maxBodyBytes !== undefined && { bodyLimit: endpoint.maxBodyBytes }),
    handler: async (request, reply) => {
      const authenticate = () => ctx.authenticate(request.headers.authorization);
      const account = endpoint.auth && !selfAuthenticating ? await authenticate() : undefined;
      const parseBody = () => endpoint.body?.parse(endpoint.bodyOptional ? (request.body ?? {}) : request.body) as RouteInput<E>['body'];
      let params: unknown, query: unknown, body: RouteInput<E>['body'] | undefined;
      try {
        params = endpoint.params?.parse(request.params);
        query = endpoint.query?.parse(request.query);
        if (selfAuthenticating) body = parseBody();
      } catch (err) {
        if (endpoint.auth && selfAuthenticating) await authenticate();
        throw err;
      }
      const head = { params, query, account, request } as Omit<RouteInput<E>, 'body'>;
      const access = await authorize(head);
      if (!selfAuthenticating) body = parseBody();
      const answer: unknown = await handle({ ...head, body: body as RouteInput<E>['body'], access });
      if (ctx.checkResponses) checkAnswer(endpoint, answer);
      if (!endpoint.response) return reply.status(204).send();
      void reply.status(endpoint.status ?? 200);
      if (answer instanceof JsonText) return reply.type('application/json').send(answer.text);
      if (answer instanceof PlainText) return reply.type(answer.type).send(answer.text);
      return answer;
    },
  });
}

function normalized<E extends HubEndpoint, A>(
  handler: Handler<E, undefined> | GuardedHandler<E, A> | SelfAuthenticatingHandler<E>,
): GuardedHandler<E, A> {
  if (typeof handler === 'function') return { authorize: async () => undefined as A, handle: handler as Handler<E, A> };
  if (!('authenticatesItself' in handler)) return handler;
  return {
    authorize: async () => undefined as A,
    handle: (input) => handler.handle({ ...input, authorization: input.request.headers.authorization }),
  };
}

/** The answer as the client will read it, against the endpoint's response schema. */
function checkAnswer(endpoint: HubEndpoint, answer: unknown): void {
  const route = `${endpoint.method} ${endpoint.path}`;
  if (!endpoint.response) {
    if (answer !== undefined) throw new StudioError('internal', { route, issue: 'answered a body where the table says 204' });
    return;
  }
  const json: unknown =
    answer instanceof PlainText
      ? answer.text
      : answer instanceof JsonText
        ? JSON.parse(answer.text.toString())
        : JSON.parse(JSON.stringify(answer) ?? 'null');
  const result = endpoint.response.safeParse(json);
  if (!result.success) throw new StudioError('internal', { route, issue: z.prettifyError(result.error) });
}
