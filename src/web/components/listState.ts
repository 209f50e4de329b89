import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../api/session.ts';

/**
 * Where a list screen keeps what it was showing, so that Back (and, for the filters, reload) returns
 * to the same words, filters and page:
 *
 * - **Search words** (names, ID and tax numbers, phones, any free text typed into a box) stay in this
 *   tab's memory only: a module-level store, keyed by the signed-in user and the list. They never go
 *   into the address (proxies, history and `Referer` keep addresses) nor into localStorage or
 *   sessionStorage; they go to the server in the body of a `POST …/search`. A reload forgets them;
 *   signing out forgets them (see app/signOut.ts).
 * - **Filters that are not personal** (values from closed lists, ids, page, sort) live in the address's
 *   query string, so Back, reload and a shared link keep them.
 */

const words = new Map<string, string>();

/** Forgets every remembered search word (on sign-out). */
export function forgetSearchWords(): void {
  words.clear();
}

/**
 * A text remembered in memory for this user and list (`list` names the screen, `field` the box),
 * with its setter. Never written to the address or to browser storage.
 */
export function useSearchWords(list: string, field = 'q'): [string, (value: string) => void] {
  const me = useCurrentUser();
  const key = `${me.id}:${list}:${field}`;
  const [value, setValue] = useState(() => words.get(key) ?? '');
  const set = useCallback(
    (next: string) => {
      if (next) words.set(key, next);
      else words.delete(key);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}

/** The allowed values of one filter in the address: a closed list, or a check (ids, names of districts). */
export type FilterRule = readonly string[] | ((value: string) => boolean);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A filter that holds the id of a record. */
export const isId = (value: string) => UUID.test(value);
/** A short value of a closed vocabulary that the server checks (a district name, say). */
export const isShortName = (value: string) => value.length > 0 && value.length <= 60;

function allowed(rule: FilterRule, value: string): boolean {
  return typeof rule === 'function' ? rule(value) : rule.includes(value);
}

/**
 * The list's non-personal filters and its page, read from and written to the address's query string.
 * Parameters the list does not know (an old `?q=` link, say) are dropped from the address; values
 * outside their rule are ignored. Changes replace the history entry, so Back leaves the list.
 */
export function useUrlFilters<K extends string>(rules: Record<K, FilterRule>) {
  const [params, setParams] = useSearchParams();
  const known = Object.keys(rules) as K[];

  const filters = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of known) {
      const value = params.get(key);
      if (value !== null && allowed(rules[key], value)) out[key] = value;
    }
    return out;
    // The rules are constant for a screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const pageText = params.get('page');
  const page = pageText && /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : 1;

  // Unknown parameters (search words from an old link among them) never stay in the address.
  useEffect(() => {
    const stray = [...params.keys()].filter((k) => k !== 'page' && !(known as string[]).includes(k));
    if (stray.length === 0) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const k of stray) next.delete(k);
        return next;
      },
      { replace: true },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);

  /** Sets filters (null clears one) and goes back to the first page unless a page is given. */
  const setFilters = useCallback(
    (patch: Partial<Record<K, string | null>>, nextPage = 1) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch) as [K, string | null | undefined][]) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (nextPage > 1) next.set('page', String(nextPage));
          else next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  /** Replaces every filter at once (applying a saved filter, clearing them all). */
  const replaceFilters = useCallback(
    (values: Partial<Record<K, string | null | undefined>>) => {
      const next = new URLSearchParams();
      for (const key of known) {
        const value = values[key];
        if (value) next.set(key, value);
      }
      setParams(next, { replace: true });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams],
  );

  const setPage = useCallback((nextPage: number) => setFilters({}, nextPage), [setFilters]);

  return { filters, page, setFilters, replaceFilters, setPage };
}
