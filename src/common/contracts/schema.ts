/**
 * Building blocks of the API contracts (TypeBox, JSON Schema underneath): shared by the server, which
 * validates and serialises with them, and the web app, which takes its types from them.
 */
import { Type, type Static, type TLiteral, type TSchema, type TUnion, type TUnsafe } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const IsoDate = Type.String({ format: 'date' });
export const IsoDateTime = Type.String({ format: 'date-time' });
/** A web address: absolute http(s) only, never javascript:, data: or file: (see src/common/url.ts). */
export const HttpUrl = (options: { maxLength?: number } = {}) =>
  Type.String({ format: 'http-url', maxLength: options.maxLength ?? 300 });
/** A file answer (a download): its bytes, with its own content type and name. */
export const Binary = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The file' });
/**
 * A file sent as one part of a multipart/form-data body (an operation with `multipart: true`): the
 * web app passes the chosen `File`, the server reads the part as a stream.
 */
export const FilePart = (description: string) => Type.Unsafe<Blob>({ type: 'string', format: 'binary', description });

export const LocaleSchema = Type.Union([Type.Literal('tr'), Type.Literal('en'), Type.Literal('ar')]);

/** `T` or `null`. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * One of a set of strings, for input: checked value by value (an `anyOf` of constants, which the
 * imports' TypeBox checks and the 422 field errors already rely on).
 */
export const Literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<[TLiteral<T[number]>]>;

/**
 * One of a set of strings, for output: a plain string to the serialiser (what the database holds is
 * sent as it is), documented as an enum in the OpenAPI and typed as the union for the web app.
 */
export const Known = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
): TUnsafe<T[number]> => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
});

/** A page of a list: the items, how many there are in all, and which page this is. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    /** Set when `total` is a lower bound (a name search counts at most 1,000 matches: show "1,000+"). */
    totalCapped: Type.Optional(Type.Boolean()),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}
export interface PageOf<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export type { Static };
