import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { StudioError } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';
import { isCommonPassword } from '../auth/common-passwords';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { insertUserUnlessTaken, replacePasswordHash, toUser, updateProfile, userByEmail, userById } from '../auth/queries';
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
import { route } from '../http/route';

export function authRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;
  // Made now, so the first sign-in with an unknown email does not pay for it (and stand out).
  void decoyHash();

  route(app, ctx, e.signUp, async ({ body, request }) => {
    if (isCommonPassword(body.password)) throw new StudioError('password_too_common');
    const now = ctx.now();
    await countAttempt(db, SIGN_UP_PER_ADDRESS, request.ip, now);
    // One path for new and taken emails: both hash (the same cost) and both try the insert; a taken
    // email keeps its account untouched. Nothing in the answer or its timing says which it was
    // (see signUpResponseSchema for how the studio then signs in).
    await insertUserUnlessTaken(db, {
      id: uuidv7(),
      email: body.email,
      display_name: body.displayName,
      password_hash: await hashPassword(body.password),
      country: body.country,
      languages: JSON.stringify(body.languages),
      timezone: body.timezone,
      created_at: now,
    });
    return { status: 'accepted' as const };
  });

  route(app, ctx, e.signIn, async ({ body, request }) => {
    const now = ctx.now();
    // Counted before the hash, so attempts sent at once cannot all be checked; the address first, so
    // an address already refused does not use up the account's attempts.
    await countAttempt(db, SIGN_IN_PER_ADDRESS, request.ip, now);
    await countAttempt(db, SIGN_IN_PER_ACCOUNT, body.email, now);
    const row = await userByEmail(db, body.email);
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await decoyHash()));
    if (!row || !ok) throw new StudioError('credentials_invalid');
    await clearAttempts(db, SIGN_IN_PER_ACCOUNT, body.email);
    await forgiveAttempt(db, SIGN_IN_PER_ADDRESS, request.ip);
    if (needsRehash(row.password_hash)) await replacePasswordHash(db, row.id, row.password_hash, await hashPassword(body.password));
    const session = await createSession(db, row.id, now);
    return { ...session, user: toUser(row) };
  });

  route(app, ctx, e.signOut, async ({ account }) => {
    await endSession(db, account.tokenHash);
  });

  route(app, ctx, e.signOutEverywhere, async ({ account, request }) => {
    await endAllSessions(db, account.userId);
    // The sessions are gone either way; a socket the notice misses is closed by its next heartbeat check.
    await ctx.events.disconnectUser(account.userId).catch((err: unknown) => request.log.warn({ err }, 'sign-out notice failed'));
  });

  route(app, ctx, e.me, async ({ account }) => ({ user: await userById(db, account.userId) }));

  route(app, ctx, e.updateMe, async ({ account, body }) => {
    await updateProfile(db, account.userId, body);
    return { user: await userById(db, account.userId) };
  });
}
