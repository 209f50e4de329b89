import { Type } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, Page, pageOf, Uuid } from '../../lib/schemas.ts';
import * as taxonomy from './taxonomy.service.ts';

const Lang = Type.Union([Type.Literal('tr'), Type.Literal('en'), Type.Literal('ar')], {
  description: 'Language of the titles in the answer (the search itself looks at every language)',
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('project'), Type.Literal('reviewed')]);
const IscoCode = Type.String({ pattern: '^[0-9]{1,4}$' });

const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'What the user typed (any of tr/en/ar)' }),
  lang: Type.Optional(Lang),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
});
const LangQuery = Type.Object({ lang: Type.Optional(Lang) });

const OccupationHit = Type.Object({
  iscoCode: Type.String({ description: 'ISCO-08 unit group' }),
  title: Type.String({ description: "The group's title in `lang`" }),
  matchedLabel: Type.String({ description: 'The title or alias that matched' }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
});
const SkillHit = Type.Object({
  id: Type.String(),
  title: Type.String(),
  matchedLabel: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  escoUri: Nullable(Type.String()),
});
const Group = Type.Object({
  code: Type.String(),
  level: Type.Integer(),
  parentCode: Nullable(Type.String()),
  title: Type.String(),
  titleTr: Type.String(),
  titleEn: Type.String(),
  titleAr: Type.String(),
  trStatus: Status,
  arStatus: Status,
  iskurCode: Nullable(Type.String()),
});
const Label = Type.Object({
  id: Type.String(),
  lang: Lang,
  label: Type.String(),
  kind: Type.Union([Type.Literal('title'), Type.Literal('variant'), Type.Literal('esco'), Type.Literal('admin')]),
  source: Type.Union([Type.Literal('project'), Type.Literal('esco'), Type.Literal('admin')]),
  removed: Type.Boolean({ description: 'Removed by an administrator (shown to administrators only)' }),
});
const ListItem = Type.Object({
  code: Type.String(),
  title: Type.String(),
  level: Type.Optional(Type.String()),
  parentCode: Type.Optional(Nullable(Type.String())),
  minAge: Type.Optional(Type.Integer()),
  expires: Type.Optional(Type.Boolean()),
  validityYears: Type.Optional(Nullable(Type.Integer())),
});
const ReviewDataset = Type.Union([Type.Literal('isco'), Type.Literal('skills')]);
const ReviewLang = Type.Union([Type.Literal('tr'), Type.Literal('ar')]);

const tags = ['taxonomy'];
const ESCO_NOTE = 'This service uses the ESCO classification of the European Commission.';

export async function taxonomyRoutes(app: App): Promise<void> {
  app.get(
    '/taxonomy/occupations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search occupations (ISCO-08 unit groups) by a job title in Turkish, English or Arabic',
        description:
          'Case-, diacritic- and typo-tolerant ("asci", "AŞÇI", "ascı" find cooks, 5120), aware of Turkish ' +
          'derivational suffixes ("garsonluk") and Arabic spelling variants. Best first. ' +
          ESCO_NOTE,
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(OccupationHit) }), ...errorResponses },
      },
    },
    async (request) =>
      taxonomy.searchOccupations(request.ctx, {
        q: request.query.q,
        lang: request.query.lang ?? request.ctx.locale,
        limit: request.query.limit,
      }),
  );

  app.get(
    '/taxonomy/skills',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search skills by name in Turkish, English or Arabic (ESCO URI where one fits)',
        description: ESCO_NOTE,
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(SkillHit) }), ...errorResponses },
      },
    },
    async (request) =>
      taxonomy.searchSkills(request.ctx, {
        q: request.query.q,
        lang: request.query.lang ?? request.ctx.locale,
        limit: request.query.limit,
      }),
  );

  app.get(
    '/taxonomy/isco',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Browse ISCO-08: the children of a group (the 10 major groups without `parent`)',
        querystring: Type.Object({ parent: Type.Optional(IscoCode), lang: Type.Optional(Lang) }),
        response: { 200: Type.Object({ items: Type.Array(Group) }), ...errorResponses },
      },
    },
    async (request) =>
      taxonomy.iscoChildren(request.ctx, request.query.parent, request.query.lang ?? request.ctx.locale),
  );

  app.get(
    '/taxonomy/isco/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One ISCO-08 group with its ancestors, titles and aliases in tr/en/ar, and its skills',
        params: Type.Object({ code: IscoCode }),
        querystring: LangQuery,
        response: {
          200: Type.Object({
            ...Group.properties,
            ancestors: Type.Array(Group),
            labels: Type.Array(Label),
            skills: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                relation: Type.Union([Type.Literal('essential'), Type.Literal('optional')]),
                escoUri: Nullable(Type.String()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      taxonomy.iscoGroup(
        request.ctx,
        request.params.code,
        request.query.lang ?? request.ctx.locale,
        request.ctx.actor?.permissions.has('taxonomy:manage') ?? false,
      ),
  );

  for (const list of ['isced', 'nace', 'languages', 'driving-licences', 'certificates'] as const) {
    app.get(
      `/taxonomy/${list}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `The ${list} list, titles in \`lang\``,
          querystring: LangQuery,
          response: { 200: Type.Object({ items: Type.Array(ListItem) }), ...errorResponses },
        },
      },
      async (request) => taxonomy.referenceList(request.ctx, list, request.query.lang ?? request.ctx.locale),
    );
  }

  // ---- administration ----
  app.post(
    '/taxonomy/isco/:code/labels',
    {
      config: { access: 'taxonomy:manage' },
      schema: {
        tags,
        summary: 'Add an alias to a unit group (audited, recorded in the reference change log)',
        params: Type.Object({ code: IscoCode }),
        body: Type.Object({ lang: Lang, label: Type.String({ minLength: 1, maxLength: 150 }) }),
        response: {
          201: Type.Object({ id: Type.String(), iscoCode: Type.String(), lang: Lang, label: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return taxonomy.addAlias(request.ctx, request.params.code, request.body);
    },
  );

  app.delete(
    '/taxonomy/isco/:code/labels/:labelId',
    {
      config: { access: 'taxonomy:manage' },
      schema: {
        tags,
        summary: 'Remove an alias (a shipped or ESCO label is kept as removed, so reloading does not restore it)',
        params: Type.Object({ code: IscoCode, labelId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await taxonomy.removeAlias(request.ctx, request.params.code, request.params.labelId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/taxonomy/reviews',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Turkish or Arabic titles that are still the project's own translation, awaiting review",
        querystring: Type.Object({
          dataset: Type.Optional(ReviewDataset),
          lang: Type.Optional(ReviewLang),
          page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Page(
            Type.Object({
              dataset: ReviewDataset,
              key: Type.String(),
              lang: ReviewLang,
              titleEn: Type.String(),
              text: Type.String(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await taxonomy.reviewList(request.ctx, {
        dataset: q.dataset ?? 'isco',
        lang: q.lang ?? 'tr',
        page: q.page,
        pageSize: q.pageSize,
      });
      return pageOf(r.items, r.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/taxonomy/reviews',
    {
      config: { access: 'taxonomy:manage' },
      schema: {
        tags,
        summary: 'Mark a Turkish or Arabic title reviewed (audited, recorded in the reference change log)',
        body: Type.Object({
          dataset: ReviewDataset,
          key: Type.String({ minLength: 1, maxLength: 200 }),
          lang: ReviewLang,
        }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await taxonomy.markReviewed(request.ctx, request.body);
      reply.code(204);
      return null;
    },
  );
}
