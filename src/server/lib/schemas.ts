import { Type, type TSchema } from 'typebox';

/** Shared building blocks for route schemas. */
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const IsoDate = Type.String({ format: 'date' });
export const IsoDateTime = Type.String({ format: 'date-time' });
/** A web address: absolute http(s) only, never javascript:, data: or file: (see src/common/url.ts). */
export const HttpUrl = (options: { maxLength?: number } = {}) =>
  Type.String({ format: 'http-url', maxLength: options.maxLength ?? 300 });
export const LocaleSchema = Type.Union([Type.Literal('tr'), Type.Literal('en'), Type.Literal('ar')]);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ pointer: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details with a message key and JSON pointers' },
);

export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
});

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number) {
  return { items, total, page, pageSize };
}

/** Common error responses, documented on every operation. */
export const errorResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
  429: Type.Ref('Problem'),
};
