import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../common/locales.ts';
import { t } from './i18n.ts';
import type { MessageParams } from '../../common/message-format.ts';

export interface FieldError {
  /** JSON pointer into the request body (RFC 6901), e.g. "/email". */
  pointer: string;
  /** Message key in src/common/i18n, e.g. "errors.validation.required". */
  code: string;
  params?: MessageParams;
}

/**
 * An error that becomes an RFC 9457 problem+json response. `code` is a message key; the response
 * carries it together with the message translated into the caller's language.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: MessageParams;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    options: { params?: MessageParams; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.params = options.params ?? {};
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }
}

/** The catalogue of problems, so that handlers name them instead of writing status codes. */
export const problems = {
  /** 404; a specific code says what is missing where the plain "not found" would not help. */
  notFound: (code = 'errors.notFound', params?: MessageParams) => new ProblemError(404, code, params ? { params } : {}),
  /** 401; a specific code says why (wrong credentials) where the plain "sign in first" would not. */
  unauthenticated: (code = 'errors.unauthenticated') => new ProblemError(401, code),
  /** 403; a specific code names the right or the rule that is missing. */
  forbidden: (code = 'errors.forbidden', params?: MessageParams) =>
    new ProblemError(403, code, params ? { params } : {}),
  mfaRequired: () => new ProblemError(403, 'errors.mfaRequired'),
  /**
   * 409: the request is well-formed but the record's state refuses it. `at` is the field it concerns (a JSON
   * pointer), or the message's parameters with or without one.
   */
  conflict: (code: string, at?: string | { pointer?: string; params?: MessageParams }) => {
    const { pointer, params } = typeof at === 'string' ? { pointer: at, params: undefined } : (at ?? {});
    return new ProblemError(409, code, {
      ...(pointer ? { errors: [{ pointer, code }] } : {}),
      ...(params ? { params } : {}),
    });
  },
  /** 409 whose field errors carry codes or parameters of their own (each missing field, each rule that excludes). */
  conflictMany: (code: string, errors: FieldError[], params?: MessageParams) =>
    new ProblemError(409, code, { errors, ...(params ? { params } : {}) }),
  /** 410: what was asked for existed and is gone (an expired link or file). */
  gone: (code: string, params?: MessageParams) => new ProblemError(410, code, params ? { params } : {}),
  invalid: (pointer: string, code: string, params?: MessageParams) =>
    new ProblemError(422, 'errors.invalid', { errors: [{ pointer, code, ...(params ? { params } : {}) }] }),
  invalidMany: (errors: FieldError[]) => new ProblemError(422, 'errors.invalid', { errors }),
  /**
   * 422 with a code of its own that sums the field errors up ("3 rows have problems", "the vacancy breaks 2
   * decent-work rules"), where the plain "check the marked fields" would not say enough.
   */
  refused: (code: string, errors: FieldError[], params?: MessageParams) =>
    new ProblemError(422, code, { errors, ...(params ? { params } : {}) }),
  /**
   * 400: a query string (or another part of the address) that passed its schema but is refused, e.g. a
   * date range that ends before it starts. `pointer` names the parameter (`/querystring/to`).
   */
  invalidQuery: (pointer: string, code: string, params?: MessageParams) =>
    new ProblemError(400, 'errors.invalid', { errors: [{ pointer, code, ...(params ? { params } : {}) }] }),
  /** 400 with a code of its own, the same code at each of the refused parameters (search words in an address). */
  badQuery: (code: string, pointers: readonly string[], params?: MessageParams) =>
    new ProblemError(400, code, {
      ...(params ? { params } : {}),
      errors: pointers.map((pointer) => ({ pointer, code, ...(params ? { params } : {}) })),
    }),
  /**
   * Another call's problem, its field pointers moved to where the caller's input has them (an import's
   * `contactPhone` column is the contact's `phone`). Status, code and parameters stay.
   */
  relocated: (problem: ProblemError, pointers: Readonly<Record<string, string>>) =>
    new ProblemError(problem.status, problem.code, {
      params: problem.params,
      headers: problem.headers,
      errors: problem.errors.map((e) => ({ ...e, pointer: pointers[e.pointer] ?? e.pointer })),
    }),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ProblemError(429, 'errors.tooManyAttempts', {
      params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) },
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
  csrf: () => new ProblemError(403, 'errors.csrf'),
  /** An invitation or reset link that was used, expired or belongs to a disabled account. */
  linkExpired: () => new ProblemError(410, 'errors.auth.linkExpired'),
  /** What Fastify refuses before a route sees the request: a content type or size it does not take, bad framing. */
  unsupportedMediaType: () => new ProblemError(415, 'errors.unsupportedMediaType'),
  payloadTooLarge: () => new ProblemError(413, 'errors.payloadTooLarge'),
  badRequest: () => new ProblemError(400, 'errors.badRequest'),
  /** 500: anything unexpected; the answer says nothing of it (the log does). */
  internal: () => new ProblemError(500, 'errors.internal'),
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId: string;
  errors?: { pointer: string; code: string; message: string }[];
}

const STATUS_TITLES: Record<number, string> = {
  400: 'errors.title.badRequest',
  401: 'errors.title.unauthenticated',
  403: 'errors.title.forbidden',
  404: 'errors.title.notFound',
  409: 'errors.title.conflict',
  410: 'errors.title.gone',
  413: 'errors.title.badRequest',
  415: 'errors.title.badRequest',
  422: 'errors.title.invalid',
  429: 'errors.title.tooManyRequests',
  500: 'errors.title.internal',
  503: 'errors.title.unavailable',
};

export function problemBody(locale: Locale, requestId: string, err: ProblemError, instance?: string): ProblemBody {
  const body: ProblemBody = {
    type: `https://kopru.org/problems/${err.code.replace(/^errors\./, '').replace(/\./g, '-')}`,
    title: t(locale, STATUS_TITLES[err.status] ?? 'errors.title.internal'),
    status: err.status,
    detail: t(locale, err.code, err.params),
    code: err.code,
    requestId,
  };
  if (instance) body.instance = instance;
  if (err.errors.length > 0) {
    body.errors = err.errors.map((e) => ({ pointer: e.pointer, code: e.code, message: t(locale, e.code, e.params) }));
  }
  return body;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Maps Fastify/Ajv validation errors onto field errors with JSON pointers and message keys. */
export function fromValidation(validation: AjvError[], context: string | undefined): ProblemError {
  const prefix = context && context !== 'body' ? `/${context}` : '';
  const errors: FieldError[] = validation.map((v) => {
    let pointer = prefix + v.instancePath;
    const params: Record<string, string | number> = {};
    let code = 'errors.validation.invalid';
    switch (v.keyword) {
      case 'required':
        pointer += `/${String(v.params.missingProperty)}`;
        code = 'errors.validation.required';
        break;
      case 'minLength':
        code = v.params.limit === 1 ? 'errors.validation.required' : 'errors.validation.minLength';
        params.limit = Number(v.params.limit);
        break;
      case 'maxLength':
        code = 'errors.validation.maxLength';
        params.limit = Number(v.params.limit);
        break;
      case 'minimum':
        code = 'errors.validation.minimum';
        params.limit = Number(v.params.limit);
        break;
      case 'maximum':
        code = 'errors.validation.maximum';
        params.limit = Number(v.params.limit);
        break;
      case 'format':
        code = `errors.validation.format.${String(v.params.format)}`;
        break;
      case 'pattern':
        code = 'errors.validation.pattern';
        break;
      case 'enum':
      case 'const':
      case 'anyOf':
        code = 'errors.validation.enum';
        break;
      case 'type':
        code = 'errors.validation.type';
        break;
      case 'additionalProperties':
        pointer += `/${String(v.params.additionalProperty)}`;
        code = 'errors.validation.unknownField';
        break;
      case 'minItems':
        code = 'errors.validation.minItems';
        params.limit = Number(v.params.limit);
        break;
      case 'maxItems':
        code = 'errors.validation.maxItems';
        params.limit = Number(v.params.limit);
        break;
      case 'uniqueItems':
        code = 'errors.validation.uniqueItems';
        break;
      case 'text':
        code = 'errors.validation.controlCharacters';
        break;
    }
    return { pointer: pointer || '/', code, params };
  });
  // Ajv reports one anyOf failure per branch; keep one error per pointer.
  const seen = new Set<string>();
  const unique = errors.filter((e) => (seen.has(e.pointer) ? false : (seen.add(e.pointer), true)));
  return new ProblemError(context === 'body' || !context ? 422 : 400, 'errors.invalid', { errors: unique });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: ProblemError): FastifyReply {
  for (const [name, value] of Object.entries(err.headers)) void reply.header(name, value);
  return reply
    .code(err.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(request.locale, String(request.id), err, request.url.split('?')[0]));
}

export function toProblem(error: FastifyError | Error): ProblemError {
  if (error instanceof ProblemError) return error;
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) return fromValidation(fe.validation, fe.validationContext);
  const status = fe.statusCode ?? 500;
  if (status === 429) return problems.tooManyRequests(60);
  if (status === 415) return problems.unsupportedMediaType();
  if (status === 413) return problems.payloadTooLarge();
  if (status >= 400 && status < 500) return problems.badRequest();
  return problems.internal();
}
