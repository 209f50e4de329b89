import i18next from 'i18next';

/** One field error of an RFC 9457 problem: a JSON pointer into the request body and its translated message. */
export interface FieldProblem {
  pointer: string;
  code: string;
  message: string;
}

/** The problem+json body the server sends for every error (already translated into the caller's language). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).detail === 'string'
  );
}

/** Builds a query string from the values that are set (empty strings and nulls are left out). */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The one way the web app talks to the server: same-origin, JSON in and out, the active language in
 * `accept-language`, and every failure turned into an ApiError that carries the server's problem.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18next.language || 'tr',
  };
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    // A file upload (multipart/form-data): the browser writes the content type with its boundary.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network', detail: i18next.t('common.networkError') });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    if (isProblem(data)) throw new ApiError(data);
    throw new ApiError({ status: response.status, code: 'unknown', detail: i18next.t('common.unexpectedError') });
  }
  return data as T;
}

/** Turns a JSON pointer such as `/roleIds/0` into the form field it belongs to (`roleIds`). */
export function fieldOfPointer(pointer: string): string {
  const parts = pointer.split('/').filter(Boolean);
  const [first] = parts;
  return first ? first.replace(/~1/g, '/').replace(/~0/g, '~') : '';
}

/** The field errors of a problem, keyed by form field (the first message wins). */
export function fieldErrors(problem: Problem, known?: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const field = fieldOfPointer(error.pointer);
    if (!field || (known && !known.includes(field))) continue;
    result[field] ??= error.message;
  }
  return result;
}
