import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { problems } from './errors.ts';

/** The origin our own pages have for this request (the scheme from the proxy when it is trusted). */
export function expectedOrigin(request: FastifyRequest, config: Pick<Config, 'trustProxy' | 'publicUrl'>): string {
  const proto = config.trustProxy ? request.protocol : new URL(config.publicUrl).protocol.replace(':', '');
  return `${proto}://${request.host}`;
}

/**
 * CSRF: a cookie-authenticated write (the API's, and the job board's form post) must come from our own
 * pages; SameSite=Lax cookies do the rest.
 *
 * - An `Origin` header is compared with ours.
 * - `Origin: null` is what a browser sends for a form posted from a page whose referrer policy is
 *   `no-referrer` — ours are (helmet's default) — and also from a sandboxed frame or a data: page. Fetch
 *   Metadata tells them apart: only `Sec-Fetch-Site: same-origin` passes.
 * - No `Origin` at all: refused when Fetch Metadata says the request is cross-site (old browsers send
 *   neither; clients that are not browsers hold no cross-site cookie).
 */
export function assertSameOrigin(request: FastifyRequest, config: Pick<Config, 'trustProxy' | 'publicUrl'>): void {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (origin !== undefined && origin !== 'null') {
    if (origin !== expectedOrigin(request, config)) throw problems.csrf();
    return;
  }
  if (origin === 'null') {
    if (site !== 'same-origin') throw problems.csrf();
    return;
  }
  if (site === 'cross-site' || site === 'same-site') throw problems.csrf();
}
