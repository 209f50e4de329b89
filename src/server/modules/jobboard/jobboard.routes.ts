import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/jobboard.ts';
import { ProblemError, problems, toProblem } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { CONTRACT_TYPES, TARGET_GROUPS } from '../../../common/enums.ts';
import { isLocale } from '../../../common/locales.ts';
import { ISCO_ANY } from '../../../common/occupation-codes.ts';
import * as board from './jobboard.service.ts';
import { lagTolerant } from '../../lib/replica.ts';
import { assertSameOrigin } from '../../lib/same-origin.ts';
import {
  atomFeed,
  BOARD_CSS,
  renderApply,
  renderList,
  renderProblem,
  renderVacancy,
  robotsTxt,
  sitemapXml,
  type ApplyState,
  type BoardQuery,
  type PageContext,
} from './jobboard.render.ts';

const Text = Type.Optional(Type.String({ maxLength: 100 }));

/** Filters of the board's pages (lenient: unknown values are ignored; the JSON API's are strict). */
const PageQuery = Type.Object({
  q: Text,
  province: Text,
  district: Text,
  occupation: Text,
  isco: Text,
  contractType: Text,
  accessible: Text,
  group: Text,
  page: Type.Optional(Type.String({ maxLength: 6 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});

/**
 * The board's JSON API for the web app, mounted under /api/v1 (modules/index.ts; declared in
 * src/common/contracts/jobboard.ts): the same data as the pages, and "apply" for a signed-in job seeker.
 */
export async function jobBoardApiRoutes(app: App): Promise<void> {
  route(app, op.listBoardVacancies, async ({ ctx, query: q }) => {
    const r = await board.listBoard(await lagTolerant(ctx), q, ctx.locale);
    return pageOf(r.items, r.total, q.page, q.pageSize);
  });
  route(app, op.getBoardVacancy, async ({ ctx, params }) => board.getBoardVacancy(await lagTolerant(ctx), params.id));
  route(app, op.applyToVacancy, async ({ ctx, params }) => {
    const r = await board.applyToVacancy(ctx, params.id);
    return { id: r.id, status: 'proposed' as const, vacancyId: params.id };
  });
}

// ---- the server-rendered pages ---------------------------------------------------------------------------

function pageContext(request: FastifyRequest, baseUrl: string): PageContext {
  const demo = request.ctx.config.mode === 'demo';
  const query = new URLSearchParams(request.url.split('?')[1] ?? '');
  const lang = query.get('lang');
  query.delete('lang');
  const explicit = isLocale(lang);
  return {
    locale: explicit ? lang : request.locale,
    baseUrl,
    path: request.url.split('?')[0]!,
    query,
    explicitLang: explicit,
    demo,
  };
}

function boardQuery(raw: Record<string, string | undefined>): BoardQuery {
  const clean = (s: string | undefined) => s?.trim() || undefined;
  const page = Number.parseInt(raw.page ?? '1', 10);
  return {
    q: clean(raw.q),
    province: clean(raw.province),
    district: clean(raw.district),
    occupation: clean(raw.occupation),
    isco: ISCO_ANY.test(raw.isco?.trim() ?? '') ? raw.isco!.trim() : undefined,
    contractType: (CONTRACT_TYPES as readonly string[]).includes(raw.contractType ?? '')
      ? (raw.contractType as BoardQuery['contractType'])
      : undefined,
    accessible: ['1', 'on', 'true'].includes(raw.accessible ?? ''),
    group: (TARGET_GROUPS as readonly string[]).includes(raw.group ?? '')
      ? (raw.group as BoardQuery['group'])
      : undefined,
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** Public pages are the same for everyone in a language: caches may keep them a few minutes. */
function cacheable(reply: FastifyReply, request: FastifyRequest): void {
  if (request.actor) void reply.header('cache-control', 'private, no-cache');
  else void reply.header('cache-control', 'public, max-age=300').header('vary', 'accept-language');
}

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

/**
 * The public job board at the site's root (/jobs, /jobs/:id, /apply/:id, /sitemap.xml, /jobs/feed.atom,
 * /robots.txt), registered by app.ts beside the web app. Problems render as pages, not problem+json.
 */
export async function jobBoardPages(app: App, deps: AppDeps): Promise<void> {
  const baseUrl = deps.config.publicUrl.replace(/\/+$/, '');
  const hide = { hide: true } as const;

  // The apply form posts application/x-www-form-urlencoded; it carries no fields we read.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, _body, done) => done(null, {}),
  );

  app.setErrorHandler((error: Error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'job board page failed');
    const page = pageContext(request, baseUrl);
    for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
    void reply.header('cache-control', 'no-store');
    return html(
      reply,
      problem.status,
      renderProblem(page, problem.status, t(page.locale, problem.code, problem.params)),
    );
  });

  app.get('/jobs/board.css', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(BOARD_CSS),
  );

  app.get(
    '/jobs',
    { config: { access: 'public' }, schema: { ...hide, querystring: PageQuery } },
    async (request, reply) => {
      const page = pageContext(request, baseUrl);
      const q = boardQuery(request.query);
      const ctx = await lagTolerant(request.ctx);
      const [result, fields] = await Promise.all([
        board.listBoard(ctx, { ...q, pageSize: board.BOARD_PAGE_SIZE }, page.locale),
        board.boardFields(ctx, page.locale, q.isco),
      ]);
      cacheable(reply, request);
      return html(reply, 200, renderList(page, q, result, board.BOARD_PAGE_SIZE, fields));
    },
  );

  app.get(
    '/jobs/feed.atom',
    { config: { access: 'public' }, schema: { ...hide, querystring: PageQuery } },
    async (request, reply) => {
      const page = pageContext(request, baseUrl);
      const items = await board.allOpen(await lagTolerant(request.ctx), board.FEED_SIZE);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(atomFeed(baseUrl, page.locale, items, request.ctx.clock.now()));
    },
  );

  app.get('/sitemap.xml', { config: { access: 'public' }, schema: hide }, async (request, reply) => {
    const items = await board.allOpen(await lagTolerant(request.ctx), board.SITEMAP_LIMIT - 1);
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(sitemapXml(baseUrl, items, request.ctx.clock.now()));
  });

  app.get('/robots.txt', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(robotsTxt(baseUrl)),
  );

  const vacancyOr404 = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const v = await board.findBoardVacancy(request.ctx, request.params.id);
    if (!v) throw problems.notFound('jobboard.notFoundText');
    return v;
  };

  app.get<{ Params: { id: string } }>(
    '/jobs/:id',
    { config: { access: 'public' }, schema: { ...hide, querystring: PageQuery } },
    async (request, reply) => {
      const v = await vacancyOr404(request);
      const page = pageContext(request, baseUrl);
      const group = v.iscoCode ? await board.occupationTitle(request.ctx, v.iscoCode, page.locale) : undefined;
      cacheable(reply, request);
      return html(reply, 200, renderVacancy(page, v, group));
    },
  );

  // The "Apply" link of a vacancy page: the apply page explains the way in (sign in or register).
  app.get<{ Params: { id: string } }>(
    '/apply/:id',
    { config: { access: 'public' }, schema: hide },
    async (request, reply) => {
      const v = await vacancyOr404(request);
      const lang = new URLSearchParams(request.url.split('?')[1] ?? '').get('lang');
      return reply.redirect(`/jobs/${v.id}/apply${isLocale(lang) ? `?lang=${lang}` : ''}`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/jobs/:id/apply',
    { config: { access: 'public' }, schema: { ...hide, querystring: PageQuery } },
    async (request, reply) => {
      const v = await vacancyOr404(request);
      const actor = request.actor;
      const state: ApplyState =
        !actor || actor.stage !== 'active'
          ? { kind: 'anonymous' }
          : actor.permissions.has('seeker-self')
            ? { kind: 'seeker', name: actor.fullName }
            : { kind: 'not-seeker' };
      void reply.header('cache-control', 'no-store');
      return html(reply, 200, renderApply(pageContext(request, baseUrl), v, state));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/jobs/:id/apply',
    { config: { access: 'seeker-self' }, schema: { ...hide, querystring: PageQuery } },
    async (request, reply) => {
      // The API's CSRF check covers /api only: a form post must come from our own pages too.
      assertSameOrigin(request, deps.config);
      const page = pageContext(request, baseUrl);
      const v = await vacancyOr404(request);
      void reply.header('cache-control', 'no-store');
      try {
        await board.applyToVacancy(request.ctx, v.id);
        return html(reply, 200, renderApply(page, v, { kind: 'done' }));
      } catch (err) {
        if (!(err instanceof ProblemError) || err.status >= 500 || err.status === 404) throw err;
        return html(
          reply,
          err.status,
          renderApply(page, v, { kind: 'refused', message: t(page.locale, err.code, err.params) }),
        );
      }
    },
  );
}
