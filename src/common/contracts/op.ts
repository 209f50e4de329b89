/**
 * An API operation, declared once: its method and path, the schemas of its path parameters, query
 * string, body and success response, and its access policy. The server registers it with `route()`
 * (src/server/lib/route.ts: validation, serialisation, the policy, the OpenAPI entry); the web app
 * calls it with `callOp()` / `useOp()` / `useOpMutation()` (src/web/api/ops.ts), typed from the same
 * object. Nothing else restates a path, a policy or a response type.
 */
import type { Static, TObject, TSchema } from 'typebox';
import type { Permission } from '../permissions.ts';

/**
 * Who may call an operation:
 * - 'public': anyone, signed in or not;
 * - 'signed-in': any user with a complete session;
 * - 'second-factor': a session waiting for its second factor or for TOTP enrolment (and complete ones);
 * - a permission, or a list of permissions of which the caller needs at least one.
 */
export type AccessPolicy = 'public' | 'signed-in' | 'second-factor' | Permission | readonly Permission[];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OpDef {
  method: HttpMethod;
  /** Below /api/v1, with Fastify's `:name` parameters. */
  path: `/${string}`;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: AccessPolicy;
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  /**
   * The body is multipart/form-data (a file upload) instead of JSON: `body` declares its parts, in the
   * order the client sends them (a file as `FilePart`). The handler reads them as a stream from the
   * request (`request.parts()`) and checks them itself: they are documented, not validated up front.
   */
  multipart?: boolean;
  response: TSchema;
  /** The success status: 200 unless said (201 for a creation, 202 for accepted, 204 for no content). */
  status?: 200 | 201 | 202 | 204;
  /** Answers 410 too (a link or token that expired), documented with the other problems. */
  gone?: boolean;
  /**
   * Answers 201 with the same schema when the call wrote something, 200 when it did not (an import's dry
   * run); the handler says which with `reply.code(201)`.
   */
  orCreated?: boolean;
}

/** Declares an operation (the identity function, keeping every literal type for the server and the web). */
export function defineOp<const O extends OpDef>(op: O): O {
  return op;
}

type PartOf<O, K extends 'params' | 'query' | 'body'> = O extends { [P in K]: infer S extends TSchema }
  ? Static<S>
  : undefined;

export type OpParams<O extends OpDef> = PartOf<O, 'params'>;
export type OpQuery<O extends OpDef> = PartOf<O, 'query'>;
export type OpBody<O extends OpDef> = PartOf<O, 'body'>;
/** What the operation answers on success. */
export type OpResult<O extends OpDef> = O['status'] extends 204 ? void : Static<O['response']>;

/** A query string as a caller writes it: every field may be left out (the server applies defaults) or null. */
export type QueryInput<Q> = Q extends undefined ? undefined : { [K in keyof Q]?: Q[K] | null };

/** What a caller passes: the path parameters, query and body the operation declares, and nothing else. */
export type OpInput<O extends OpDef> = (O extends { params: TSchema } ? { params: OpParams<O> } : unknown) &
  (O extends { query: TSchema } ? { query?: QueryInput<OpQuery<O>> } : unknown) &
  (O extends { body: TSchema } ? { body: OpBody<O> } : unknown);

/** Whether an operation needs any input at all (then `callOp(op)` may leave it out). */
export type NeedsInput<O extends OpDef> = O extends { params: TSchema } | { body: TSchema } ? true : false;

/** The path with its parameters filled in, each encoded as one segment. */
export function opPath(op: OpDef, params: Record<string, unknown> | undefined): string {
  return op.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Error(`${op.method} ${op.path}: missing parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
