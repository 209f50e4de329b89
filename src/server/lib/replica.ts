import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Replica } from '../db/client.ts';
import type { Ctx } from './context.ts';

/**
 * Reads that may lag (issue 18): indicator tables and their exports, the public job board. With a
 * streaming replica (DATABASE_REPLICA_URL) they run there, sparing the primary; everything else, and
 * every write, stays on the primary.
 *
 * Read-your-own-writes: after a write request the server sets a cookie with the primary's
 * write-ahead-log position (`pg_current_wal_lsn()`, taken after the request's transaction committed).
 * A lag-tolerant read that carries it goes to the replica only once the replica has replayed past that
 * position, otherwise to the primary; so a user never reads older data than they wrote, whichever
 * instance answers. The cookie holds no secret: forging it can only send one's own reads to the
 * primary (or to a replica that lags behind one's own writes).
 */

export const READ_AFTER_COOKIE = 'kopru_read_after';
/** How long a write keeps its author's lag-tolerant reads in step (far above any healthy replica's lag). */
const READ_AFTER_SECONDS = 600;
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** The request's view of the replica: where lag-tolerant reads may go, and after which write. */
export interface ReplicaRoute {
  replica: Replica;
  /** The position of this client's last write (from the cookie), or null. */
  readAfter: string | null;
}

/** For the request context: the replica and the client's last write position (null without a replica). */
export function replicaRoute(replica: Replica | undefined, request: FastifyRequest): ReplicaRoute | undefined {
  if (!replica) return undefined;
  const cookie = request.cookies[READ_AFTER_COOKIE];
  return { replica, readAfter: cookie && LSN.test(cookie) ? cookie : null };
}

/**
 * A context for a lag-tolerant read: its `db` is the replica when there is one and it has caught up
 * with the caller's own writes, else the primary. Writes in the same call (an export's audit event)
 * go through `onPrimary(ctx)`.
 */
export async function lagTolerant(ctx: Ctx): Promise<Ctx> {
  const route = ctx.replica;
  if (!route || ctx.primaryDb) return ctx;
  if (route.readAfter && !(await route.replica.replayedPast(route.readAfter))) return ctx;
  return { ...ctx, db: route.replica.db, primaryDb: ctx.db };
}

/** The same context on the primary: for the writes of a call whose reads went to the replica. */
export function onPrimary(ctx: Ctx): Ctx {
  if (!ctx.primaryDb) return ctx;
  const { primaryDb, ...rest } = ctx;
  return { ...rest, db: primaryDb };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** After a write request that succeeded, remembers in a cookie where the primary's log stood. */
export async function rememberWrite(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const route = request.ctx?.replica;
  if (!route || !WRITES.has(request.method) || reply.statusCode >= 400) return;
  const lsn = await route.replica.primaryLsn();
  void reply.setCookie(READ_AFTER_COOKIE, lsn, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: READ_AFTER_SECONDS,
    secure: request.protocol === 'https',
  });
}
