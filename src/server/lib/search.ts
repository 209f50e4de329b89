import type { FastifyRequest } from 'fastify';
import { problems, type ProblemError } from './errors.ts';

/**
 * Search words never travel in an address.
 *
 * A search for a person, an employer or a user carries names, ID numbers, tax numbers and phone
 * numbers. Addresses (with their query strings) are written to the access logs of every proxy and
 * load balancer on the way, kept in browser history and sent on in `Referer` headers, so such a search
 * is a `POST …/search` with the words in its JSON body. The list itself (`GET`) keeps the filters that
 * are not personal (status, district, ids, page, sort) and refuses the search words with a 400 that
 * names the search route: ignoring them silently would answer an old client's search with the whole
 * list.
 */

/** Query-string parameters that carry search words. */
export const SEARCH_WORD_PARAMS = ['q'] as const;

/** The problem a list route answers when its query string carries search words. */
export function searchWordsInAddress(params: readonly string[], searchPath: string): ProblemError {
  return problems.badQuery(
    'errors.search.wordsInAddress',
    params.map((p) => `/querystring/${p}`),
    { path: searchPath },
  );
}

/**
 * A `preValidation` hook for a list route: refuses search words in its query string, naming the
 * route that takes them in a body (its full path, e.g. `POST /api/v1/persons/search`).
 * It runs after the access check (preParsing), so a caller without the right still gets 403.
 */
export function refuseSearchWordsInAddress(searchPath: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const found = SEARCH_WORD_PARAMS.filter((p) => Object.hasOwn(query, p));
    if (found.length > 0) throw searchWordsInAddress(found, searchPath);
  };
}

/** The OpenAPI description of a list route that refuses search words. */
export function searchWordsRefusedNote(searchPath: string): string {
  return (
    `Search words (names, ID or tax numbers, phone numbers) are not accepted here: addresses are logged by ` +
    `proxies. A \`q\` parameter is refused with 400 errors.search.wordsInAddress; search with ${searchPath}.`
  );
}

/** A LIKE/ILIKE pattern that finds `words` anywhere, the wildcards and backslash in them taken literally. */
export function containsPattern(words: string): string {
  return `%${words.replace(/[%_\\]/g, '\\$&')}%`;
}
