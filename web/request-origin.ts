import type { FastifyRequest } from 'fastify';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `none`: the person typed the address or used a bookmark; no page asked for it. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Why a state-changing request may not come from the studio's own page, or null when it does. Every
 * port of 127.0.0.1 is the same site, so the SameSite=Strict cookie rides along with a neighbouring
 * page's requests (a dev server, a notebook, anything a local program serves): the cookie proves the
 * browser, not the page. Browsers send Origin on every such request and Sec-Fetch-Site on most, so
 * both must name this very origin. A bearer token is never sent by a browser on its own, so a client
 * that carries one (tests, scripts) may leave Origin out.
 */
export function foreignRequestReason(req: FastifyRequest, bearer: boolean): string | null {
  if (READS.has(req.method)) return null;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && !OWN_FETCH_SITES.has(site)) return 'sec-fetch-site';
  const origin = req.headers.origin;
  // The Host header was checked against the shell's own address before this runs.
  if (origin === undefined) return bearer ? null : 'origin';
  return origin === `http://${req.headers.host}` ? null : 'origin';
}
