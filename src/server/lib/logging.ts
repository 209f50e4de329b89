/**
 * What reaches the logs. Personal data never does: cookies, authorisation headers and personal body
 * fields are redacted, query strings dropped (see app.ts), and errors are serialised here without the
 * values a database error carries (the statement's parameters, PostgreSQL's `detail` with key values,
 * literal values quoted in its message).
 */

/** Paths whose values must never reach the logs. */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body.password',
  'body.email',
  'body.phone',
  'body.identifier',
  'body.code',
  'body.token',
];

/** Properties of an error that carry values, never logged. */
const VALUE_PROPERTIES = new Set(['params', 'parameters', 'values', 'detail', 'where', 'data', 'body', 'hint']);
/** Properties worth keeping: what failed and where, never with what. */
const KEPT_PROPERTIES = [
  'code',
  'statusCode',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'routine',
  'query',
] as const;

const isSqlState = (code: unknown) => typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);

/** Drizzle writes the parameters into the message ("Failed query: …\nparams: …"); PostgreSQL quotes values. */
function scrub(text: string, fromDatabase: boolean): string {
  let out = text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, '\nparams: [not logged]');
  if (fromDatabase) out = out.replace(/"[^"\n]*"/g, '"…"').replace(/\(([^()\n]*)\)=\(([^\n]*)\)/g, '($1)=(…)');
  return out;
}

export interface SerialisedError {
  type: string;
  message: string;
  stack: string;
  cause?: SerialisedError;
  [key: string]: unknown;
}

/** pino's `err` serializer: the error's kind, message and stack, and its SQL text, never its values. */
export function serializeError(err: unknown, depth = 0): SerialisedError {
  if (!(err instanceof Error)) return { type: typeof err, message: '[not an Error: not logged]', stack: '' };
  const record = err as unknown as Record<string, unknown>;
  const fromDatabase = isSqlState(record.code) || 'query' in record || err.constructor.name.includes('Query');
  const out: SerialisedError = {
    type: err.constructor.name || err.name,
    message: scrub(err.message, fromDatabase),
    stack: scrub(err.stack ?? '', fromDatabase),
  };
  for (const key of KEPT_PROPERTIES) {
    const value = record[key];
    if (value !== undefined && !VALUE_PROPERTIES.has(key) && (typeof value === 'string' || typeof value === 'number')) {
      out[key] = key === 'query' ? String(value) : value;
    }
  }
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}
