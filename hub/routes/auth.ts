import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { StudioError } from '../../common/errors';
import { hubEndpoints, type HubUser, type SessionResponse, type SignUpResponse } from '../../common/hub-api';
import { isCommonPassword } from '../auth/common-passwords';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import {
  clearAttempts,
  countAttempt,
  forgiveAttempt,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS,
  SIGN_UP_PER_ADDRESS,
} from '../auth/rate-limit';
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
  // Made now, so the first sign-in with an unknown email does not pay for it (and stand out).
  void decoyHash();

  app.post(e.signUp.path, { bodyLimit: 16 * 1024 }, async (request, reply): Promise<SignUpResponse> => {
    const body = e.signUp.body.parse(request.body);
    if (isCommonPassword(body.password)) throw new StudioError('password_too_common');
    const now = ctx.now();
    await countAttempt(db, SIGN_UP_PER_ADDRESS, request.ip, now);
    // One path for new and taken emails: both hash (the same cost) and both try the insert; a taken
    // email keeps its account untouched. Nothing in the answer or its timing says which it was
    // (see signUpResponseSchema for how the studio then signs in).
    await db
      .insertInto('users')
      .values({
        id: uuidv7(),
        email: body.email,
        display_name: body.displayName,
        password_hash: await hashPassword(body.password),
        country: body.country,
        languages: JSON.stringify(body.languages),
        timezone: body.timezone,
        created_at: now,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    void reply.status(202);
    return { status: 'accepted' };
  });

  app.post(e.signIn.path, { bodyLimit: 16 * 1024 }, async (request): Promise<SessionResponse> => {
    const body = e.signIn.body.parse(request.body);
    const now = ctx.now();
    // Counted before the hash, so attempts sent at once cannot all be checked; the address first, so
    // an address already refused does not use up the account's attempts.
    await countAttempt(db, SIGN_IN_PER_ADDRESS, request.ip, now);
    await countAttempt(db, SIGN_IN_PER_ACCOUNT, body.email, now);
    const row = await db.selectFrom('users').selectAll().where('email', '=', body.email).executeTakeFirst();
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await decoyHash()));
    if (!row || !ok) throw new StudioError('credentials_invalid');
    await clearAttempts(db, SIGN_IN_PER_ACCOUNT, body.email);
    await forgiveAttempt(db, SIGN_IN_PER_ADDRESS, request.ip);
    if (needsRehash(row.password_hash)) {
      // Only if no one changed it meanwhile; a lost race leaves a hash that still verifies.
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(body.password) })
        .where('id', '=', row.id)
        .where('password_hash', '=', row.password_hash)
        .execute();
    }
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
