import type { FastifyInstance } from 'fastify';
import { StudioError } from '../../common/errors';

/** A host name, IPv4 address or bracketed IPv6 address (RFC 3986's host), with an optional port. */
const WELL_FORMED_HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::\d{1,5})?$/;

/**
 * Answers 400 to a request whose Host header is not a host. Node lets one through (`Host: a b`), and
 * code that builds a URL from it throws where nothing answers: on the upload route that held the
 * connection open for good. The hub builds no URL from the Host header (links use its configured
 * public URL), so this only refuses requests no client would send.
 */
export function requireWellFormedHost(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const host = request.headers.host;
    if (host !== undefined && !WELL_FORMED_HOST.test(host)) {
      throw new StudioError('invalid_input', { issue: 'malformed Host header' });
    }
  });
}
