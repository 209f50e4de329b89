import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App, AppDeps } from './http.ts';
import { negotiateLocale } from '../common/locales.ts';
import { describePolicy, enforce, type AccessPolicy } from './lib/access.ts';
import { assertSameOrigin } from './lib/same-origin.ts';
import { ProblemError, problems, sendProblem, toProblem } from './lib/errors.ts';
import { Problem } from './lib/schemas.ts';
import { resolveActor, sessionCookie } from './modules/identity/index.ts';
import { registerModules, registerPages } from './modules/index.ts';
import { LOG_REDACT, serializeError } from './lib/logging.ts';
import { buildValidatorFactory } from './lib/validation.ts';
import { rememberWrite, replicaRoute } from './lib/replica.ts';

export { LOG_REDACT };

export interface RouteInfo {
  method: string;
  url: string;
  access: AccessPolicy;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access policy, for the role × route test and the docs. */
    routeTable: RouteInfo[];
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The web app's pages whose address carries a link's secret: a survey's (/s/…) and a fair's walk-in (/f/…). */
const SECRET_PAGE = /^\/([sf])\/[^/]+/;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock, jobs } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: LOG_REDACT, censor: '[redacted]' },
      // Log the path only: query strings could carry search terms typed by a counsellor.
      serializers: {
        req: (req: FastifyRequest) => ({
          method: req.method,
          // A path carrying a secret (a report, survey or walk-in link's token) is logged as its route's pattern;
          // so are the web app's pages of such links (/s/<token>, /f/<token>), which no API route matches.
          url: (req.routeOptions?.config as { secretPath?: boolean } | undefined)?.secretPath
            ? req.routeOptions.url
            : req.url.split('?')[0]!.replace(SECRET_PAGE, '/$1/:token'),
          id: req.id,
          clientRequestId: clientRequestId(req.headers['x-request-id']) ?? undefined,
        }),
        err: serializeError,
      },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    // Our own id for every request: a client's x-request-id is kept apart (clientRequestId), never trusted as ours.
    genReqId: () => crypto.randomUUID(),
    // A number of hops, or the proxies' addresses; never every hop (see config.ts).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Bodies keep their JSON types; query strings and paths are coerced; every string refuses control characters.
    schemaController: { compilersFactory: { buildValidator: buildValidatorFactory() as never } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'tr');
  app.decorateRequest('ctx', null as never);
  app.addSchema(Problem);

  const cookieDef = sessionCookie(config);
  await app.register(cookie);
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: new URL(config.publicUrl).protocol === 'https:',
  });
  // A coarse per-address limit against floods; sign-in limits proper live in the database (identity module).
  // Off (0) behind a reverse proxy that keeps this limit for all instances (KOPRU_RATE_LIMIT=off): then
  // only the routes with a limit of their own (public forms, route.ts) are counted here.
  await app.register(rateLimit, {
    global: config.rateLimitPerMinute > 0,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, context) => {
      const err = problems.tooManyRequests(Math.ceil(context.ttl / 1000));
      return Object.assign(err, { statusCode: 429 });
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Köprü API',
        version: '1',
        description:
          'Inclusive public employment services. Every operation names its access policy (x-access). ' +
          'Errors are RFC 9457 problem+json with a message key and JSON pointers.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: cookieDef.name } } },
      security: [{ session: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: false } });

  // Every route must declare who may call it; the server refuses to start otherwise.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    // The API reference and the web app's static files are public by nature.
    if (url.startsWith('/api/docs') || url.startsWith('/assets/')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      // The web app's files are sent as built: compressed copies beside them (registerWeb), and the few
      // small ones as they are.
      if (url.startsWith('/assets/')) route.compress = false;
      return;
    }
    if (url === '/api/openapi.json') return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${url} declares no access policy (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url, access });
    }
    if (route.schema) {
      const schema = route.schema as Record<string, unknown>;
      schema['x-access'] = describePolicy(access);
      schema.description = [schema.description, `Access: ${describePolicy(access)}.`].filter(Boolean).join(' ');
    }
  });

  // Responses of more than 1 kB are compressed (brotli at quality 1, or gzip at level 1) for clients that ask
  // for it: API JSON, problems, the job board's pages. The fastest levels, not the plugin's brotli 4 and
  // zlib's 6: a 25-person list page (16 kB of JSON) takes about 70 µs instead of 260 (gzip 130 instead of
  // 330) and is 3.5 kB instead of 3.0 — a few per cent of a list request's whole time in the process, for
  // half a kilobyte (bench/README.md, issue 15). The web app's
  // hashed files are compressed once at build time (quality 11) and sent as they are (registerWeb): the
  // onRoute hook above turns compression off for them, and must run before this plugin's own onRoute hook,
  // hence the order. Request bodies are never inflated: no client of ours compresses them.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
    globalDecompression: false,
  });

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    request.locale = negotiateLocale(request.headers['accept-language']);
    // The web app's files are the same for everyone: no session look-up for them (the browser sends the
    // cookie with every one of them).
    const token = request.url.startsWith('/assets/') ? undefined : request.cookies[cookieDef.name];
    request.actor = token ? await resolveActor(database.db, clock, token) : null;
    if (request.actor) request.locale = request.actor.locale;
    // A cookie that no longer names a session is cleared, with the attributes it was set with.
    else if (token !== undefined) void reply.clearCookie(cookieDef.name, cookieDef.options);
    request.ctx = {
      db: database.db,
      actor: request.actor,
      requestId: String(request.id),
      clientRequestId: clientRequestId(request.headers['x-request-id']),
      locale: request.locale,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      clock,
      config,
      jobs,
      replica: replicaRoute(database.replica, request),
    };
  });
  // Read-your-own-writes with a replica: a write's author reads after it (lib/replica.ts).
  if (database.replica) app.addHook('onSend', async (request, reply) => rememberWrite(request, reply));

  // CSRF and access run after the flood limit has counted the request (its onRequest hook is the
  // route's own, which runs after the ones above) and before the body is parsed.
  app.addHook('preParsing', async (request) => {
    // CSRF: a cookie-authenticated write must come from our own origin (SameSite=Lax does the rest).
    if (UNSAFE_METHODS.has(request.method) && request.url.startsWith('/api/')) assertSameOrigin(request, config);
    // Access is checked before the body is even parsed, so a caller without the right learns nothing.
    const access = request.routeOptions.config.access;
    if (access) enforce(access, request.actor);
  });

  // Answers of the API carry personal data: no browser or proxy may keep them.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: Error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, problem);
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      // The load balancers' check: a tiny body, and as cheap as can be (no compression hook).
      compress: false,
      schema: {
        summary: 'Health check for load balancers: the database answers',
        tags: ['system'],
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
          503: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
        },
      },
    },
    async (_request, reply) => {
      try {
        await database.query('SELECT 1');
        return { status: 'ok', database: database.kind };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: database.kind });
      }
    },
  );

  await app.register(async (api) => registerModules(api as App, deps), { prefix: '/api/v1' });
  await app.register(async (root) => registerPages(root as App, deps));

  await registerWeb(app, deps);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api')) return sendProblem(reply, request, problems.notFound());
    // The web app's routes have no file extension: a missing file (/backup.zip, /jobs.bak, /x~) is a
    // real 404, not the web app answering 200 to anything.
    if (/(\.[^/]*|~)$/.test(request.url.split(/[?#]/)[0]!)) return sendProblem(reply, request, problems.notFound());
    return serveIndex(request, reply, config.webDir);
  });

  return app;
}

/** A client's own request id, kept beside ours when it is short and plain. */
function clientRequestId(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && /^[\w.:-]{1,64}$/.test(header) ? header : null;
}

let indexCache: { file: string; html: string } | undefined;

/**
 * The web app's index.html, with a fresh CSP nonce for the styles Mantine injects at run time. `no-cache`:
 * a browser asks again every time (the page is small and names the current hashed files), and without a
 * validator it never reuses an old copy, so each load gets its own nonce.
 */
function serveIndex(request: FastifyRequest, reply: FastifyReply, webDir: string) {
  const file = path.join(webDir, 'index.html');
  if (request.method !== 'GET' || !fs.existsSync(file)) {
    return sendProblem(reply, request, problems.notFound());
  }
  if (indexCache?.file !== file || process.env.NODE_ENV !== 'production') {
    indexCache = { file, html: fs.readFileSync(file, 'utf8') };
  }
  const nonce = (reply as FastifyReply & { cspNonce?: { style: string } }).cspNonce?.style ?? '';
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(indexCache.html.replaceAll('__CSP_NONCE__', nonce));
}

async function registerWeb(app: App, deps: AppDeps): Promise<void> {
  const assets = path.join(deps.config.webDir, 'assets');
  if (!fs.existsSync(assets)) return;
  // Hashed file names: a file never changes under its name, so browsers and proxies keep it for a year
  // without asking again. The build writes a brotli (.br) and a gzip (.gz) copy beside each file
  // (vite.config.ts); the one the browser accepts is sent, with `Vary: Accept-Encoding`.
  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    preCompressed: true,
  });
  // Static assets are public files of the web app.
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
    serveIndex(request, reply, deps.config.webDir),
  );
}

export { ProblemError };
