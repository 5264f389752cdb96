import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { StudioError } from '../../common/errors';
import { hubEndpoints, type HubUser, type SessionResponse } from '../../common/hub-api';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from '../auth/rate-limit';
import { createSession, endAllSessions, endSession } from '../auth/sessions';
import type { HubContext } from '../context';
import type { HubDatabase } from '../db/schema';

function toUser(row: HubDatabase['users']): HubUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    country: row.country,
    languages: JSON.parse(row.languages) as string[],
    timezone: row.timezone,
  };
}

export function authRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  app.post(e.signUp.path, { bodyLimit: 16 * 1024 }, async (request, reply): Promise<SessionResponse> => {
    const body = e.signUp.body.parse(request.body);
    const now = ctx.now();
    const row = {
      id: uuidv7(),
      email: body.email,
      display_name: body.displayName,
      password_hash: await hashPassword(body.password),
      country: body.country,
      languages: JSON.stringify(body.languages),
      timezone: body.timezone,
      created_at: now,
    };
    const inserted = await db
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new StudioError('email_taken');
    const session = await createSession(db, row.id, now);
    void reply.status(201);
    return { ...session, user: toUser(row) };
  });

  app.post(e.signIn.path, { bodyLimit: 16 * 1024 }, async (request): Promise<SessionResponse> => {
    const body = e.signIn.body.parse(request.body);
    const now = ctx.now();
    const limitKey = `${body.email}|${request.ip}`;
    await assertSignInAllowed(db, limitKey, now);
    const row = await db.selectFrom('users').selectAll().where('email', '=', body.email).executeTakeFirst();
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await decoyHash()));
    if (!row || !ok) {
      await recordSignInFailure(db, limitKey, now);
      throw new StudioError('credentials_invalid');
    }
    await clearSignInFailures(db, limitKey);
    const session = await createSession(db, row.id, now);
    return { ...session, user: toUser(row) };
  });

  app.post(e.signOut.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    await endSession(db, user.tokenHash);
    return reply.status(204).send();
  });

  app.post(e.signOutEverywhere.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    await endAllSessions(db, user.userId);
    ctx.events.disconnectUser(user.userId);
    return reply.status(204).send();
  });

  app.get(e.me.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const row = await db.selectFrom('users').selectAll().where('id', '=', user.userId).executeTakeFirstOrThrow();
    return { user: toUser(row) };
  });

  app.patch(e.updateMe.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const body = e.updateMe.body.parse(request.body);
    const changes = {
      ...(body.displayName !== undefined && { display_name: body.displayName }),
      ...(body.country !== undefined && { country: body.country }),
      ...(body.languages !== undefined && { languages: JSON.stringify(body.languages) }),
      ...(body.timezone !== undefined && { timezone: body.timezone }),
    };
    if (Object.keys(changes).length > 0) await db.updateTable('users').set(changes).where('id', '=', user.userId).execute();
    const row = await db.selectFrom('users').selectAll().where('id', '=', user.userId).executeTakeFirstOrThrow();
    return { user: toUser(row) };
  });
}
