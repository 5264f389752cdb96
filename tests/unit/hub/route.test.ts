import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { StudioError } from '../../../common/errors';
import type { HubEndpoint } from '../../../common/hub-api';
import { installErrorHandlers } from '../../../hub/http/errors';
import { JsonText, route, type RouteContext } from '../../../hub/http/route';

const GOOD = 'Bearer good-token-good-token-good';
const LAPSED = 'Bearer lapsed-token-lapsed-token';
const ACCOUNT = { userId: '0190a0a0-0000-7000-8000-000000000001', tokenHash: 'hash' };

const thingSchema = z.object({ id: z.uuid(), name: z.string() });
const endpoints = {
  create: {
    method: 'POST',
    path: '/groups/:groupId/things',
    auth: true,
    params: z.object({ groupId: z.uuid() }),
    body: z.object({ name: z.string().min(1) }).strict(),
    response: z.object({ thing: thingSchema }),
    status: 201,
  },
  list: { method: 'GET', path: '/things', auth: false, query: z.object({ limit: z.coerce.number().int().max(10) }), response: thingSchema },
  remove: { method: 'DELETE', path: '/things/:id', auth: true },
  defaults: {
    method: 'POST',
    path: '/defaults',
    auth: true,
    body: z.object({ size: z.int().default(3) }).strict(),
    bodyOptional: true,
    response: z.object({ size: z.int() }),
  },
} as const satisfies Record<string, HubEndpoint>;

async function authenticate(authorization: string | undefined) {
  if (authorization === GOOD) return ACCOUNT;
  if (authorization === LAPSED) throw new StudioError('session_expired');
  throw new StudioError('unauthorized');
}

let app: FastifyInstance;
afterEach(() => app.close());

function hub(checkResponses = true): { app: FastifyInstance; ctx: RouteContext } {
  app = Fastify();
  installErrorHandlers(app);
  return { app, ctx: { authenticate, checkResponses } };
}

const groupId = '0190a0a0-0000-7000-8000-0000000000aa';
const thingId = '0190a0a0-0000-7000-8000-0000000000bb';

describe('route()', () => {
  it('registers the endpoint, hands the handler parsed input and the account, and answers with the table status', async () => {
    const { app, ctx } = hub();
    const handler = vi.fn(async ({ params, body, account }: { params: { groupId: string }; body: { name: string }; account: unknown }) => {
      expect(account).toEqual(ACCOUNT);
      return { thing: { id: thingId, name: `${params.groupId}:${body.name}` } };
    });
    route(app, ctx, endpoints.create, handler);
    const res = await app.inject({
      method: 'POST',
      url: `/groups/${groupId}/things`,
      headers: { authorization: GOOD },
      payload: { name: 'a' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ thing: { id: thingId, name: `${groupId}:a` } });
  });

  it('answers bad params, query or body with 400 invalid_input in the hub error shape, without calling the handler', async () => {
    const { app, ctx } = hub();
    const handler = vi.fn(async () => ({ thing: { id: thingId, name: 'x' } }));
    route(app, ctx, endpoints.create, handler);
    route(app, ctx, endpoints.list, async () => ({ id: thingId, name: 'x' }));
    const badBody = await app.inject({
      method: 'POST',
      url: `/groups/${groupId}/things`,
      headers: { authorization: GOOD },
      payload: { name: '', extra: 1 },
    });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json()).toEqual({
      code: 'invalid_input',
      message: expect.any(String),
      params: { path: expect.any(String), issue: expect.any(String) },
    });
    const badParams = await app.inject({
      method: 'POST',
      url: '/groups/not-a-uuid/things',
      headers: { authorization: GOOD },
      payload: { name: 'a' },
    });
    expect(badParams.statusCode).toBe(400);
    expect(badParams.json()).toMatchObject({ code: 'invalid_input', params: { path: 'groupId' } });
    const badQuery = await app.inject({ method: 'GET', url: '/things?limit=99' });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json()).toMatchObject({ code: 'invalid_input', params: { path: 'limit' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers a missing, malformed or unknown token with 401 unauthorized and a lapsed one with session_expired, before reading the input', async () => {
    const { app, ctx } = hub();
    const handler = vi.fn(async () => ({ thing: { id: thingId, name: 'x' } }));
    route(app, ctx, endpoints.create, handler);
    const url = `/groups/not-a-uuid/things`;
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }]) {
      const res = await app.inject({ method: 'POST', url, headers, payload: { bad: true } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'unauthorized', message: 'unauthorized', params: {} });
    }
    const lapsed = await app.inject({ method: 'POST', url, headers: { authorization: LAPSED }, payload: {} });
    expect(lapsed.statusCode).toBe(401);
    expect(lapsed.json()).toMatchObject({ code: 'session_expired' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('in test mode, fails an answer its response schema does not describe with 500 internal; otherwise sends it', async () => {
    const wrong = async () => ({ thing: { id: 'not-a-uuid', name: 7 } }) as unknown as { thing: { id: string; name: string } };
    const checked = hub(true);
    route(checked.app, checked.ctx, endpoints.create, wrong);
    const payload = { name: 'a' };
    const url = `/groups/${groupId}/things`;
    const caught = await checked.app.inject({ method: 'POST', url, headers: { authorization: GOOD }, payload });
    expect(caught.statusCode).toBe(500);
    expect(caught.json()).toMatchObject({
      code: 'internal',
      message: 'internal error',
      params: { route: `POST ${endpoints.create.path}` },
    });
    await checked.app.close();

    const unchecked = hub(false);
    route(unchecked.app, unchecked.ctx, endpoints.create, wrong);
    const sent = await unchecked.app.inject({ method: 'POST', url, headers: { authorization: GOOD }, payload });
    expect(sent.statusCode).toBe(201);
  });

  it('checks a pre-written JSON answer too, and a body where the table says 204', async () => {
    const { app, ctx } = hub();
    route(app, ctx, endpoints.list, async () => new JsonText('{"id":"nope"}'));
    route(app, ctx, endpoints.remove, (async () => ({ gone: true })) as unknown as () => Promise<void>);
    expect((await app.inject({ method: 'GET', url: '/things?limit=1' })).statusCode).toBe(500);
    expect((await app.inject({ method: 'DELETE', url: `/things/x`, headers: { authorization: GOOD } })).statusCode).toBe(500);
  });

  it('sends JSON text as it is, 204 for an endpoint without a response, and reads an absent optional body as {}', async () => {
    const { app, ctx } = hub();
    route(app, ctx, endpoints.list, async ({ query }) => new JsonText(`{"id":"${thingId}","name":"${query.limit}"}`));
    route(app, ctx, endpoints.remove, async () => {});
    route(app, ctx, endpoints.defaults, async ({ body }) => ({ size: body.size }));
    const listed = await app.inject({ method: 'GET', url: '/things?limit=2' });
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(listed.json()).toEqual({ id: thingId, name: '2' });
    const removed = await app.inject({ method: 'DELETE', url: `/things/x`, headers: { authorization: GOOD } });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    const defaults = await app.inject({ method: 'POST', url: '/defaults', headers: { authorization: GOOD } });
    expect(defaults.json()).toEqual({ size: 3 });
  });

  it('runs authorize before the body is read, so a caller without the right gets 403 whatever the body holds', async () => {
    const { app, ctx } = hub();
    const handle = vi.fn(async () => ({ thing: { id: thingId, name: 'x' } }));
    route(app, ctx, endpoints.create, {
      authorize: async () => {
        throw new StudioError('forbidden', { operation: 'thing.create' });
      },
      handle,
    });
    const res = await app.inject({
      method: 'POST',
      url: `/groups/${groupId}/things`,
      headers: { authorization: GOOD },
      payload: { wrong: 1 },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', params: { operation: 'thing.create' } });
    expect(handle).not.toHaveBeenCalled();
  });
});
