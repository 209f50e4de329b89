import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { opPath, type OpDef, type OpInput, type OpResult } from '../../common/contracts/op.ts';
import { api, API_BASE, queryString, type QueryValue } from './client.ts';

/**
 * The typed client of the API: every call names an operation declared in src/common/contracts, and
 * its input and answer are typed from that declaration. Pages use `useOp` (reads) and `useOpMutation`
 * (changes), whose `isPending` / `error` are the busy and error states: no page restates a path, a
 * response type or a busy flag.
 */

type InputArg<O extends OpDef> = O extends { params: object } | { body: object }
  ? [input: OpInput<O>]
  : [input?: OpInput<O>];

interface AnyInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * A multipart body (an operation declared `multipart: true`): the parts the operation declares, in its
 * order (a streamed upload reads them as they come), files with their names; parts left out are not sent.
 */
function formOf(op: OpDef, body: unknown): FormData {
  const values = (body ?? {}) as Record<string, unknown>;
  const shape: { properties?: object } | undefined = op.body;
  const declared = Object.keys(shape?.properties ?? {});
  const form = new FormData();
  for (const name of declared) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    if (value instanceof File) form.append(name, value, value.name);
    else if (value instanceof Blob) form.append(name, value);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      form.append(name, String(value));
    else form.append(name, JSON.stringify(value));
  }
  return form;
}

/**
 * Calls an operation: path parameters filled in, the query string built, the body sent as JSON (or as
 * multipart/form-data for an upload).
 */
export function callOp<O extends OpDef>(op: O, ...[input]: InputArg<O>): Promise<OpResult<O>> {
  const { params, query, body } = (input ?? {}) as AnyInput;
  return api<OpResult<O>>(opPath(op, params), {
    method: op.method,
    query: query as Record<string, QueryValue> | undefined,
    body: op.multipart ? formOf(op, body) : body,
  });
}

/**
 * The address of an operation that answers a file, for a download link (`<a href download>`): the
 * session cookie goes along, and the browser saves the file under the name the server gives it.
 */
export function opHref<O extends OpDef>(op: O, ...[input]: InputArg<O>): string {
  const { params, query } = (input ?? {}) as AnyInput;
  return `${API_BASE}${opPath(op, params)}${queryString(query as Record<string, QueryValue> | undefined)}`;
}

/**
 * The cache key of a read: the path's segments with its parameters filled in, then the query (and the
 * body of a read sent as a POST, a search whose words stay out of the address). So `['vacancies']`
 * covers every vacancy read, `['vacancies', id]` one vacancy and what hangs below it.
 */
export function opKey<O extends OpDef>(op: O, ...[input]: InputArg<O>): QueryKey {
  const { params, query, body } = (input ?? {}) as AnyInput;
  const segments = opPath(op, params).split('/').filter(Boolean).map(decodeURIComponent);
  return [...segments, ...(query ? [query] : []), ...(body !== undefined ? [body] : [])];
}

/** The cache key prefix of every read below a path (for invalidation after a change). */
export function pathKey(path: string): QueryKey {
  return path.split('/').filter(Boolean);
}

type ReadOptions<O extends OpDef> = Omit<UseQueryOptions<OpResult<O>, Error, OpResult<O>>, 'queryKey' | 'queryFn'>;

/** Reads an operation's answer through TanStack Query (`data`, `isPending`, `error`, `refetch`). */
export function useOp<O extends OpDef>(op: O, input: OpInput<O> | undefined, options: ReadOptions<O> = {}) {
  const args = [input] as unknown as InputArg<O>;
  return useQuery<OpResult<O>, Error, OpResult<O>>({
    queryKey: opKey(op, ...args),
    queryFn: () => callOp(op, ...args),
    ...options,
  });
}

interface ChangeOptions<O extends OpDef> extends Omit<
  UseMutationOptions<OpResult<O>, Error, OpInput<O>>,
  'mutationFn'
> {
  /** Cache keys (or paths, as in pathKey) read again once the change succeeded. */
  invalidates?: readonly (QueryKey | string)[];
}

/**
 * Makes a change through an operation: `mutateAsync(input)` resolves with the answer (and rejects with
 * the ApiError, for forms that show field problems), `isPending` is the busy state, `error` the failure.
 * The keys in `invalidates` are read again after a success.
 */
export function useOpMutation<O extends OpDef>(op: O, options: ChangeOptions<O> = {}) {
  const client = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  return useMutation<OpResult<O>, Error, OpInput<O>>({
    mutationFn: (input) => callOp(op, ...([input] as unknown as InputArg<O>)),
    onSuccess: async (...args) => {
      await Promise.all(
        invalidates.map((key) => client.invalidateQueries({ queryKey: typeof key === 'string' ? pathKey(key) : key })),
      );
      await onSuccess?.(...args);
    },
    ...rest,
  });
}
