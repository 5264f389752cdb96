import type { FastifyInstance, FastifyReply } from 'fastify';
import { inviteCodeSchema } from '../../common/hub-api';
import { acceptedLanguages, matchLanguage } from '../../common/language-match';
import type { HubContext } from '../context';
import { INVITE_PAGE_CSP, invalidInvitePage, invitePage } from '../pages/invite-page';
import { inviteLanguages } from '../pages/invite-texts';

/**
 * An invite link (`<public URL>/join/<code>`, common/hub-api.ts) opened in a browser: a page in the
 * visitor's language, not a JSON 404. It looks nothing up, so it says no more than the link does.
 * An HTML page, not a JSON endpoint of the table, so it is registered directly, not through route().
 */
export function invitePageRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/join/:code', async (request, reply) => {
    const language = matchLanguage(acceptedLanguages(request.headers['accept-language']), inviteLanguages) ?? 'en';
    const raw = (request.params as { code: string }).code;
    const code = inviteCodeSchema.safeParse(raw);
    send(reply, language, code.success ? 200 : 404);
    return code.success ? invitePage(language, ctx.publicUrl, raw.trim()) : invalidInvitePage(language);
  });
}

function send(reply: FastifyReply, language: string, status: number): void {
  void reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('Content-Security-Policy', INVITE_PAGE_CSP)
    .header('Content-Language', language)
    .header('Vary', 'Accept-Language')
    // The code is in the address: it must not travel on in a Referer.
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store');
}
