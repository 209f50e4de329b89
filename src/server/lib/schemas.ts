import { Type } from 'typebox';

/** Shared building blocks for route schemas: declared in src/common/contracts (the web app types from them too). */
export {
  HttpUrl,
  IdParams,
  IsoDate,
  IsoDateTime,
  Known,
  Literals,
  LocaleSchema,
  Nullable,
  Page,
  PageQuery,
  Uuid,
} from '../../common/contracts/schema.ts';

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
