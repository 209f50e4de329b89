import AjvCompiler from '@fastify/ajv-compiler';
import type { AnySchema, Plugin } from 'ajv';
import addFormats from 'ajv-formats';
import * as TypeBoxFormat from 'typebox/format';
import { isHttpUrl } from '../../common/url.ts';
import { fromValidation, type FieldError } from './errors.ts';

/**
 * Request validation rules that hold for every route, applied once here rather than route by route:
 *
 * - **Text** (`text` keyword): every string of every body, query string and path refuses control
 *   characters (C0, DEL, C1, and U+2028/U+2029 line separators). A multi-line text field declares
 *   `text: 'multiline'` in its schema and may also hold tab, line feed and carriage return. A NUL byte
 *   would otherwise reach PostgreSQL, which refuses it with an error carrying the statement's values.
 * - **Coercion**: query strings, path parameters and headers arrive as text, so their values are
 *   coerced to the schema's types (`"2"` → 2, `a` → `[a]`). Bodies are JSON and keep their types:
 *   coercing them would turn `null` into `0` for an "integer or null" field.
 * - **`http-url` format**: an absolute `http:` or `https:` address (never `javascript:`, `data:`, …).
 */

export type TextMode = 'line' | 'multiline';
export const TEXT_KEYWORD = 'text';

// Control characters are what these expressions are about.
/* eslint-disable no-control-regex */
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const MULTILINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
/* eslint-enable no-control-regex */

/** Whether a string holds a character that a text field of that mode refuses. */
export function hasControlCharacters(value: string, mode: TextMode = 'line'): boolean {
  return (mode === 'multiline' ? MULTILINE_CONTROL : LINE_CONTROL).test(value);
}

/** Registers the `text` keyword and the `http-url` format on an Ajv instance. */
export const textRules: Plugin<unknown> = (ajv) => {
  ajv.addKeyword({
    keyword: TEXT_KEYWORD,
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (mode: TextMode, data: string) => !hasControlCharacters(data, mode),
  });
  ajv.addFormat('http-url', { type: 'string', validate: isHttpUrl });
  return ajv;
};

// The importers check rows with TypeBox against the same route schemas: it must know the format too.
TypeBoxFormat.Set('http-url', isHttpUrl);

type Node = Record<string, unknown>;
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const SUBSCHEMA = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else'] as const;
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'] as const;

/**
 * A copy of a schema in which every string schema carries the `text` keyword (`line` unless it says
 * `multiline`). Strings with a format, an enum or a constant need no check of their own.
 */
export function withTextRules<T>(schema: T): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const source = node as Node;
    const copy: Node = { ...source };
    for (const key of SUBSCHEMA_LISTS)
      if (Array.isArray(source[key])) copy[key] = (source[key] as unknown[]).map(visit);
    for (const key of SUBSCHEMA) if (source[key] && typeof source[key] === 'object') copy[key] = visit(source[key]);
    for (const key of SUBSCHEMA_MAPS) {
      const map = source[key];
      if (map && typeof map === 'object') {
        copy[key] = Object.fromEntries(Object.entries(map as Node).map(([k, v]) => [k, visit(v)]));
      }
    }
    const types = [source.type].flat();
    if (types.includes('string') && copy[TEXT_KEYWORD] === undefined) copy[TEXT_KEYWORD] = 'line';
    return copy;
  };
  return visit(schema) as T;
}

/** The media type of an operation's body declared `multipart: true` (a file upload). */
export const MULTIPART = 'multipart/form-data';

const COMMON_OPTIONS = { allErrors: true, removeAdditional: false, useDefaults: true } as const;

/**
 * The validator factory for Fastify's schema controller: bodies without type coercion, the other
 * parts of a request with it, and the text rules everywhere. A multipart body (an upload) is not checked
 * here: it is a stream, whose parts the route's handler reads and checks as they arrive.
 */
export function buildValidatorFactory() {
  const pool = AjvCompiler();
  const plugins = [addFormats.default as unknown as Plugin<unknown>, textRules];
  return (externalSchemas: Record<string, AnySchema>) => {
    const coercing = pool(externalSchemas, { customOptions: { ...COMMON_OPTIONS, coerceTypes: 'array' }, plugins });
    const strict = pool(externalSchemas, { customOptions: { ...COMMON_OPTIONS, coerceTypes: false }, plugins });
    return (route: { schema: AnySchema; method?: string; url?: string; httpPart?: string; contentType?: string }) => {
      // A file upload is a stream its handler reads part by part and checks (src/server/lib/route.ts).
      if (route.httpPart === 'body' && route.contentType === MULTIPART) return () => true;
      const compile = route.httpPart === 'body' ? strict : coercing;
      return compile({ ...route, schema: withTextRules(route.schema) });
    };
  };
}

// ---- the same text rules for rows read from files (imports) ----------------------------------------------

let fileCompiler: ReturnType<ReturnType<typeof AjvCompiler>> | undefined;

/**
 * A check of the text rules alone, against a route's body schema, for input that does not come through
 * a route (rows of an imported file). Returns field errors with JSON pointers, like the routes' 422.
 */
export function textRuleChecker(schema: unknown): (value: unknown) => FieldError[] {
  fileCompiler ??= AjvCompiler()(
    {},
    {
      customOptions: { allErrors: true, strict: false, coerceTypes: false, removeAdditional: false },
      plugins: [addFormats.default as unknown as Plugin<unknown>, textRules],
    },
  );
  const validate = fileCompiler({ schema: withTextRules(schema as AnySchema), httpPart: 'body' });
  return (value) => {
    if (validate(value)) return [];
    const errors = (validate.errors ?? []).filter((e) => e.keyword === TEXT_KEYWORD);
    return errors.length > 0 ? fromValidation(errors, 'body').errors : [];
  };
}
