import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { OpBody, OpDef, OpParams, OpQuery, OpResult } from '../../common/contracts/op.ts';
import type { App } from '../http.ts';
import type { Ctx } from './context.ts';
import { errorResponses } from './schemas.ts';
import { MULTIPART } from './validation.ts';
import { refuseSearchWordsInAddress, searchWordsRefusedNote } from './search.ts';

/** What a handler of an operation receives: the call's context and its validated, typed input. */
export interface OpCall<O extends OpDef> {
  ctx: Ctx;
  params: OpParams<O>;
  /** With the schema's defaults applied. */
  query: OpQuery<O>;
  /** A multipart body is not parsed: the handler reads its parts from `request.parts()`. */
  body: O extends { multipart: true } ? undefined : OpBody<O>;
  /** For the rare handler that needs more (headers, cookies, a file answer it sends itself). */
  request: FastifyRequest;
  reply: FastifyReply;
}

export type OpHandler<O extends OpDef> = (call: OpCall<O>) => Promise<OpResult<O>>;

/**
 * Registers an operation declared in src/common/contracts: its path, its access policy (`config.access`,
 * which app.ts requires of every route and enforces before the body is parsed), its schemas (validation,
 * serialisation of the success answer, the problem+json answers, the OpenAPI entry) and its handler.
 * The handler returns the answer; the success status is the operation's own (200, 201 or 204).
 * `options.rateLimit` sets a tighter per-address limit for the route (public forms); `options.bodyLimit`
 * a larger body than the app's 1 MiB (a file sent as base64); `options.searchIn` makes a list refuse search
 * words in its address, naming the route that takes them in a body (src/server/lib/search.ts); `options.secretPath`
 * logs the route's pattern (`…/:token`) instead of its path, for a path that carries a secret (app.ts).
 * An operation with `multipart: true` takes a file upload: its handler reads the parts from `request.parts()`
 * (@fastify/multipart, registered by the module in the scope of its routes).
 */
export function route<O extends OpDef>(
  app: App,
  op: O,
  handler: OpHandler<O>,
  options: {
    rateLimit?: { max: number; timeWindow: string };
    bodyLimit?: number;
    searchIn?: string;
    secretPath?: boolean;
  } = {},
): void {
  const status = op.status ?? 200;
  const description = [op.description, options.searchIn && searchWordsRefusedNote(options.searchIn)]
    .filter(Boolean)
    .join(' ');
  app.route({
    method: op.method,
    url: op.path,
    // A tighter per-address limit than the app's flood limit, for public forms (@fastify/rate-limit).
    config: {
      access: op.access,
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.secretPath ? { secretPath: true } : {}),
    },
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.searchIn ? { preValidation: refuseSearchWordsInAddress(options.searchIn) } : {}),
    schema: {
      tags: [...op.tags],
      summary: op.summary,
      ...(description ? { description } : {}),
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { querystring: op.query } : {}),
      // A multipart body is documented by its parts and read by the handler as a stream (lib/validation.ts
      // does not check it up front); the app's multipart parser must be registered where the route is.
      ...(op.body ? { body: op.multipart ? { content: { [MULTIPART]: { schema: op.body } } } : op.body } : {}),
      response: {
        [status]: status === 204 ? Type.Null() : op.response,
        ...(op.orCreated ? { 201: op.response } : {}),
        ...errorResponses,
        ...(op.gone ? { 410: Type.Ref('Problem') } : {}),
      },
    },
    handler: async (request, reply) => {
      const result = await handler({
        ctx: request.ctx,
        params: request.params as OpParams<O>,
        query: request.query as OpQuery<O>,
        body: (op.multipart ? undefined : request.body) as OpCall<O>['body'],
        request,
        reply,
      });
      // A handler that answered by itself (a file, a redirect) has sent its reply already.
      if (reply.sent) return reply;
      const answered = op.orCreated && reply.statusCode === 201 ? 201 : status;
      return reply.code(answered).send(status === 204 ? null : result);
    },
  });
}
