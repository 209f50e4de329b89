/**
 * Server-rendered pages of the public job board: small, semantic HTML without scripts (the CSP allows
 * none inline), one stylesheet at /jobs/board.css, schema.org JobPosting data for search engines, a
 * sitemap, an Atom feed and robots.txt. Pure functions: the routes load the data and pass it in.
 */
import { CONTRACT_TYPES, TARGET_GROUPS } from '../../../common/enums.ts';
import { t } from '../../lib/i18n.ts';
import { provinces } from '../../lib/geography.ts';
import { directionOf, LOCALES, type Locale } from '../../../common/locales.ts';
import type { PublicVacancy } from '../vacancies/index.ts';
import { safeHttpUrl } from '../../../common/url.ts';

// ---- escaping -----------------------------------------------------------------------------------------

/** Characters XML 1.0 does not allow, even escaped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
export const escapeXml = escapeHtml;

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as \u escapes, so that no
 * "</script>" or "<!--" in a vacancy's text can end the block early; U+2028/2029 escaped as well.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// ---- formatting ------------------------------------------------------------------------------------------

/** The Intl locale of a UI language; Arabic keeps Western digits like the web app (src/web/components/format.ts). */
function intlLocale(locale: Locale): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale === 'en' ? 'en-GB' : 'tr-TR';
}

function formatMoney(locale: Locale, amount: number): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency: 'TRY',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: amount % 1 === 0 ? 0 : 2,
  }).format(amount);
}

function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** A calendar date (YYYY-MM-DD) or an instant, as a date in the page's language. */
function formatDate(locale: Locale, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(value);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'long',
    timeZone: m ? 'UTC' : 'Europe/Istanbul',
  }).format(date);
}

function wageText(locale: Locale, v: PublicVacancy): string {
  const min = formatMoney(locale, v.wageMin);
  const amount = v.wageMax !== null && v.wageMax > v.wageMin ? `${min} – ${formatMoney(locale, v.wageMax)}` : min;
  return t(locale, 'jobboard.wagePerMonth', { amount, basis: t(locale, `jobboard.wageBasis.${v.wageBasis}`) });
}

function placeText(locale: Locale, v: PublicVacancy): string {
  const place = v.district ? `${v.district}, ${v.province}` : v.province;
  return v.remote ? t(locale, 'jobboard.remoteFrom', { place }) : place;
}

// ---- the page frame ----------------------------------------------------------------------------------------

export interface PageContext {
  locale: Locale;
  /** The site's public address without a trailing slash, for canonical and absolute links. */
  baseUrl: string;
  /** The path of this page without the query string, e.g. /jobs/…, for language links. */
  path: string;
  /** The query of this page except `lang`, kept by the language links. */
  query?: URLSearchParams;
  /** Whether `lang` was given in the address: links then carry it on. */
  explicitLang: boolean;
  /** A demo instance: every page says so. */
  demo?: boolean;
}

/** A link within the board, carrying the language when it was chosen explicitly. */
export function href(page: PageContext, path: string, params?: URLSearchParams): string {
  const q = new URLSearchParams(params);
  if (page.explicitLang) q.set('lang', page.locale);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function languageLinks(page: PageContext): string {
  const items = LOCALES.map((l) => {
    const q = new URLSearchParams(page.query);
    q.set('lang', l);
    const current = l === page.locale ? ' aria-current="true"' : '';
    return `<li><a href="${escapeHtml(`${page.path}?${q.toString()}`)}" lang="${l}" hreflang="${l}"${current}>${escapeHtml(t(l, `jobboard.languageName`))}</a></li>`;
  });
  return `<nav class="languages" aria-label="${escapeHtml(t(page.locale, 'jobboard.languages'))}"><ul>${items.join('')}</ul></nav>`;
}

function alternates(page: PageContext): string {
  return LOCALES.map((l) => {
    const q = new URLSearchParams(page.query);
    q.set('lang', l);
    return `<link rel="alternate" hreflang="${l}" href="${escapeHtml(`${page.baseUrl}${page.path}?${q.toString()}`)}">`;
  }).join('\n');
}

export interface LayoutOptions {
  title: string;
  description?: string;
  /** Extra elements for <head> (already escaped), e.g. JSON-LD. */
  head?: string;
  canonical?: string;
  noindex?: boolean;
}

export function layout(page: PageContext, options: LayoutOptions, main: string): string {
  const l = page.locale;
  const siteTitle = t(l, 'jobboard.siteTitle');
  return `<!doctype html>
<html lang="${l}" dir="${directionOf(l)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title === siteTitle ? siteTitle : `${options.title} – ${siteTitle}`)}</title>
${options.description ? `<meta name="description" content="${escapeHtml(options.description)}">\n` : ''}${options.noindex ? '<meta name="robots" content="noindex">\n' : ''}${options.canonical ? `<link rel="canonical" href="${escapeHtml(options.canonical)}">\n` : ''}${options.noindex ? '' : `${alternates(page)}\n`}<link rel="alternate" type="application/atom+xml" title="${escapeHtml(t(l, 'jobboard.feedTitle'))}" href="${escapeHtml(href(page, '/jobs/feed.atom'))}">
<link rel="stylesheet" href="/jobs/board.css">
${options.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${escapeHtml(t(l, 'jobboard.skipToContent'))}</a>
${page.demo ? `<p class="demo-banner" role="note" data-testid="demo-banner">${escapeHtml(t(l, 'demo.banner'))}</p>\n` : ''}<header class="site">
<a class="brand" href="${escapeHtml(href(page, '/jobs'))}">${escapeHtml(siteTitle)}</a>
${languageLinks(page)}
</header>
<main id="main">
${main}
</main>
<footer class="site">
<p>${escapeHtml(t(l, 'jobboard.footer'))}</p>
<ul>
<li><a href="${escapeHtml(href(page, '/jobs/feed.atom'))}">${escapeHtml(t(l, 'jobboard.feedLink'))}</a></li>
<li><a href="/sign-in">${escapeHtml(t(l, 'jobboard.signIn'))}</a></li>
<li><a href="/register">${escapeHtml(t(l, 'jobboard.register'))}</a></li>
</ul>
</footer>
</body>
</html>
`;
}

// ---- the list ---------------------------------------------------------------------------------------------

export interface BoardQuery {
  q?: string | undefined;
  province?: string | undefined;
  district?: string | undefined;
  occupation?: string | undefined;
  /** An ISCO-08 group of any level (1–4 digits): the field of work chosen, or a vacancy's "similar jobs" link. */
  isco?: string | undefined;
  contractType?: (typeof CONTRACT_TYPES)[number] | undefined;
  accessible?: boolean | undefined;
  group?: (typeof TARGET_GROUPS)[number] | undefined;
  page: number;
}

/** ISCO-08 groups by code with their title in the page's language (the fields of work, a vacancy's group). */
export type IscoTitles = ReadonlyMap<string, string>;

export function queryParams(q: BoardQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.province) p.set('province', q.province);
  if (q.district) p.set('district', q.district);
  if (q.occupation) p.set('occupation', q.occupation);
  if (q.isco) p.set('isco', q.isco);
  if (q.contractType) p.set('contractType', q.contractType);
  if (q.accessible) p.set('accessible', '1');
  if (q.group) p.set('group', q.group);
  if (q.page > 1) p.set('page', String(q.page));
  return p;
}

function select(name: string, label: string, options: [string, string][], value: string | undefined, anyLabel: string) {
  const opts = [`<option value="">${escapeHtml(anyLabel)}</option>`]
    .concat(
      options.map(
        ([v, text]) => `<option value="${escapeHtml(v)}"${v === value ? ' selected' : ''}>${escapeHtml(text)}</option>`,
      ),
    )
    .join('');
  return `<div class="field"><label for="f-${name}">${escapeHtml(label)}</label><select id="f-${name}" name="${name}">${opts}</select></div>`;
}

function input(name: string, label: string, value: string | undefined, type = 'search') {
  return `<div class="field"><label for="f-${name}">${escapeHtml(label)}</label><input id="f-${name}" name="${name}" type="${type}" maxlength="100" value="${escapeHtml(value ?? '')}"></div>`;
}

function searchForm(page: PageContext, q: BoardQuery, fields: IscoTitles): string {
  const l = page.locale;
  const any = t(l, 'jobboard.filters.any');
  const provinceOptions = provinces()
    .map((p) => p.name)
    .sort((a, b) => a.localeCompare(b, 'tr'))
    .map((n) => [n, n] as [string, string]);
  return `<form class="search" role="search" method="get" action="/jobs">
${page.explicitLang ? `<input type="hidden" name="lang" value="${l}">` : ''}
${input('q', t(l, 'jobboard.filters.q'), q.q)}
<details${q.province || q.district || q.occupation || q.isco || q.contractType || q.accessible || q.group ? ' open' : ''}>
<summary>${escapeHtml(t(l, 'jobboard.filters.more'))}</summary>
<div class="grid">
${select('province', t(l, 'jobboard.filters.province'), provinceOptions, q.province, any)}
${input('district', t(l, 'jobboard.filters.district'), q.district, 'text')}
${input('occupation', t(l, 'jobboard.filters.occupation'), q.occupation, 'text')}
${select('isco', t(l, 'jobboard.filters.isco'), fieldOptions(fields, q.isco), q.isco, any)}
${select(
  'contractType',
  t(l, 'jobboard.filters.contractType'),
  CONTRACT_TYPES.map((c) => [c, t(l, `jobboard.contractType.${c}`)]),
  q.contractType,
  any,
)}
${select(
  'group',
  t(l, 'jobboard.filters.group'),
  TARGET_GROUPS.map((g) => [g, t(l, `jobboard.group.${g}`)]),
  q.group,
  any,
)}
<div class="field check"><input id="f-accessible" name="accessible" type="checkbox" value="1"${q.accessible ? ' checked' : ''}><label for="f-accessible">${escapeHtml(t(l, 'jobboard.filters.accessible'))}</label></div>
</div>
</details>
<div class="actions"><button type="submit">${escapeHtml(t(l, 'jobboard.filters.submit'))}</button> <a href="${escapeHtml(href(page, '/jobs'))}">${escapeHtml(t(l, 'jobboard.filters.clear'))}</a></div>
</form>`;
}

/**
 * The fields of work (ISCO-08 major groups, by code) in the page's language; a narrower group reached from a
 * vacancy's "similar jobs" link is offered too, so the form shows what is being filtered.
 */
function fieldOptions(fields: IscoTitles, chosen: string | undefined): [string, string][] {
  const options = [...fields].filter(([code]) => code.length === 1 || code === chosen);
  return options.map(([code, title]) => [code, code.length === 1 ? title : `${title} (ISCO ${code})`]);
}

function badges(locale: Locale, v: PublicVacancy): string {
  const items: string[] = [];
  if (v.accessibleWorkplace) items.push(t(locale, 'jobboard.accessibleWorkplace'));
  if (v.childcareSupport) items.push(t(locale, 'jobboard.childcareSupport'));
  if (v.remote) items.push(t(locale, 'jobboard.remote'));
  if (items.length === 0) return '';
  return `<ul class="badges">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function card(page: PageContext, v: PublicVacancy): string {
  const l = page.locale;
  return `<li><article class="card">
<h2><a href="${escapeHtml(href(page, `/jobs/${v.id}`))}" dir="auto">${escapeHtml(v.title)}</a></h2>
<p class="meta"><bdi>${escapeHtml(v.employer.name)}</bdi> · <bdi>${escapeHtml(placeText(l, v))}</bdi></p>
<dl class="facts">
<div><dt>${escapeHtml(t(l, 'jobboard.fields.contractType'))}</dt><dd>${escapeHtml(t(l, `jobboard.contractType.${v.contractType}`))}</dd></div>
<div><dt>${escapeHtml(t(l, 'jobboard.fields.wage'))}</dt><dd>${escapeHtml(wageText(l, v))}</dd></div>
<div><dt>${escapeHtml(t(l, 'jobboard.fields.hours'))}</dt><dd>${escapeHtml(t(l, 'jobboard.hoursPerWeek', { hours: formatNumber(l, v.hoursPerWeek) }))}</dd></div>
<div><dt>${escapeHtml(t(l, 'jobboard.fields.published'))}</dt><dd><time datetime="${escapeHtml(v.publishedAt)}">${escapeHtml(formatDate(l, v.publishedAt))}</time></dd></div>
</dl>
${badges(l, v)}
</article></li>`;
}

export function renderList(
  page: PageContext,
  q: BoardQuery,
  result: { items: PublicVacancy[]; total: number },
  pageSize: number,
  fields: IscoTitles,
): string {
  const l = page.locale;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const filtered = !!(
    q.q ||
    q.province ||
    q.district ||
    q.occupation ||
    q.isco ||
    q.contractType ||
    q.accessible ||
    q.group
  );
  const nav: string[] = [];
  if (q.page > 1) {
    nav.push(
      `<a rel="prev" href="${escapeHtml(href(page, '/jobs', queryParams({ ...q, page: Math.min(q.page - 1, pages) })))}">${escapeHtml(t(l, 'jobboard.previousPage'))}</a>`,
    );
  }
  nav.push(`<span aria-current="page">${escapeHtml(t(l, 'jobboard.pageOf', { page: q.page, pages }))}</span>`);
  if (q.page < pages) {
    nav.push(
      `<a rel="next" href="${escapeHtml(href(page, '/jobs', queryParams({ ...q, page: q.page + 1 })))}">${escapeHtml(t(l, 'jobboard.nextPage'))}</a>`,
    );
  }
  const pager = `<nav class="pages" aria-label="${escapeHtml(t(l, 'jobboard.pagination'))}">${nav.join(' ')}</nav>`;
  const list =
    result.items.length > 0
      ? `<ol class="results">${result.items.map((v) => card(page, v)).join('\n')}</ol>\n${pager}`
      : result.total > 0
        ? // A page past the end (an old link): say so, and lead back.
          `<p class="empty">${escapeHtml(t(l, 'jobboard.pastTheEnd'))}</p>\n${pager}`
        : `<p class="empty">${escapeHtml(t(l, filtered ? 'jobboard.noMatches' : 'jobboard.noVacancies'))}</p>`;
  const title = t(l, 'jobboard.listTitle');
  return layout(
    page,
    {
      title,
      description: t(l, 'jobboard.listDescription'),
      canonical: `${page.baseUrl}${href(page, '/jobs', queryParams({ ...q }))}`,
      noindex: filtered,
    },
    `<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(t(l, 'jobboard.lead'))}</p>
${searchForm(page, q, fields)}
<p class="count" role="status">${escapeHtml(t(l, 'jobboard.count', { count: formatNumber(l, result.total) }))}</p>
${list}`,
  );
}

// ---- one vacancy ------------------------------------------------------------------------------------------

const EMPLOYMENT_TYPE: Record<PublicVacancy['contractType'], string> = {
  permanent: 'FULL_TIME',
  'part-time': 'PART_TIME',
  'fixed-term': 'TEMPORARY',
  // Google's list has no SEASONAL: a seasonal job is temporary work.
  seasonal: 'TEMPORARY',
};

/** schema.org JobPosting (https://schema.org/JobPosting, Google's job posting structured data). */
export function jobPosting(v: PublicVacancy, url: string): Record<string, unknown> {
  const description = [v.duties, v.requiredSkills.length ? `${v.requiredSkills.join(', ')}` : '', v.benefits ?? '']
    .filter(Boolean)
    .join('\n\n');
  const posting: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: v.title,
    description,
    identifier: { '@type': 'PropertyValue', name: 'Köprü', value: v.id },
    url,
    datePosted: v.publishedAt.slice(0, 10),
    employmentType: EMPLOYMENT_TYPE[v.contractType],
    hiringOrganization: {
      '@type': 'Organization',
      name: v.employer.name,
      ...(safeHttpUrl(v.employer.website) ? { sameAs: safeHttpUrl(v.employer.website) } : {}),
    },
    occupationalCategory: v.occupation,
    jobStartDate: v.startDate,
    totalJobOpenings: v.positions,
    workHours: `${v.hoursPerWeek} h/week`,
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'TRY',
      value: {
        '@type': 'QuantitativeValue',
        minValue: v.wageMin,
        maxValue: v.wageMax ?? v.wageMin,
        unitText: 'MONTH',
        description: v.wageBasis,
      },
    },
    directApply: false,
  };
  if (v.deadline) posting.validThrough = `${v.deadline}T23:59:59+03:00`;
  if (v.requiredSkills.length) posting.skills = v.requiredSkills.join(', ');
  if (v.benefits) posting.jobBenefits = v.benefits;
  if (v.remote) {
    posting.jobLocationType = 'TELECOMMUTE';
    posting.applicantLocationRequirements = { '@type': 'Country', name: 'TR' };
  } else {
    posting.jobLocation = {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        ...(v.district ? { addressLocality: v.district } : {}),
        addressRegion: v.province,
        addressCountry: 'TR',
      },
    };
  }
  return posting;
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

function list(items: string[]): string {
  return `<ul>${items.map((s) => `<li dir="auto">${escapeHtml(s)}</li>`).join('')}</ul>`;
}

export function renderVacancy(page: PageContext, v: PublicVacancy, group?: string): string {
  const l = page.locale;
  // The vacancy's ISCO group leads to the other open vacancies of the same occupation, in any wording.
  const similar =
    v.iscoCode && group
      ? ` <a class="similar" href="${escapeHtml(href(page, '/jobs', queryParams({ isco: v.iscoCode, page: 1 })))}">${escapeHtml(t(l, 'jobboard.similarJobs', { occupation: group }))}</a>`
      : '';
  const url = `${page.baseUrl}/jobs/${v.id}`;
  const fact = (key: string, value: string) =>
    `<div><dt>${escapeHtml(t(l, `jobboard.fields.${key}`))}</dt><dd>${value}</dd></div>`;
  const facts = [
    fact('occupation', `<span dir="auto">${escapeHtml(v.occupation)}</span>${similar}`),
    fact('location', escapeHtml(placeText(l, v))),
    fact('contractType', escapeHtml(t(l, `jobboard.contractType.${v.contractType}`))),
    fact('positions', escapeHtml(formatNumber(l, v.positions))),
    fact('startDate', `<time datetime="${v.startDate}">${escapeHtml(formatDate(l, v.startDate))}</time>`),
    fact(
      'hours',
      escapeHtml(
        [
          t(l, 'jobboard.hoursPerWeek', { hours: formatNumber(l, v.hoursPerWeek) }),
          v.shifts.map((s) => t(l, `jobboard.shift.${s}`)).join(', '),
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    ),
    fact('wage', escapeHtml(wageText(l, v))),
    v.deadline
      ? fact('deadline', `<time datetime="${v.deadline}">${escapeHtml(formatDate(l, v.deadline))}</time>`)
      : '',
    fact(
      'published',
      `<time datetime="${escapeHtml(v.publishedAt)}">${escapeHtml(formatDate(l, v.publishedAt))}</time>`,
    ),
  ].join('\n');
  const website = safeHttpUrl(v.employer.website);
  const employer = website
    ? `<a href="${escapeHtml(website)}" rel="nofollow noopener external" dir="auto">${escapeHtml(v.employer.name)}</a>`
    : `<span dir="auto">${escapeHtml(v.employer.name)}</span>`;
  const inclusive: string[] = [];
  if (v.accessibleWorkplace) inclusive.push(t(l, 'jobboard.accessibleWorkplace'));
  if (v.childcareSupport) inclusive.push(t(l, 'jobboard.childcareSupport'));
  for (const g of v.suitableGroups)
    inclusive.push(t(l, 'jobboard.suitableFor', { group: t(l, `jobboard.group.${g}`) }));
  const applyHref = href(page, `/apply/${v.id}`);
  const main = `<p class="back"><a href="${escapeHtml(href(page, '/jobs'))}">${escapeHtml(t(l, 'jobboard.backToList'))}</a></p>
<article class="vacancy">
<h1 dir="auto">${escapeHtml(v.title)}</h1>
<p class="meta"><bdi>${employer}</bdi> · <bdi>${escapeHtml(placeText(l, v))}</bdi></p>
<dl class="facts">
${facts}
</dl>
<section aria-labelledby="h-duties"><h2 id="h-duties">${escapeHtml(t(l, 'jobboard.fields.duties'))}</h2>
${paragraphs(v.duties)}</section>
${v.requiredSkills.length ? `<section aria-labelledby="h-required"><h2 id="h-required">${escapeHtml(t(l, 'jobboard.fields.requiredSkills'))}</h2>${list(v.requiredSkills)}</section>` : ''}
${v.preferredSkills.length ? `<section aria-labelledby="h-preferred"><h2 id="h-preferred">${escapeHtml(t(l, 'jobboard.fields.preferredSkills'))}</h2>${list(v.preferredSkills)}</section>` : ''}
${v.benefits ? `<section aria-labelledby="h-benefits"><h2 id="h-benefits">${escapeHtml(t(l, 'jobboard.fields.benefits'))}</h2>${paragraphs(v.benefits)}</section>` : ''}
${inclusive.length ? `<section aria-labelledby="h-inclusive"><h2 id="h-inclusive">${escapeHtml(t(l, 'jobboard.fields.inclusive'))}</h2><ul>${inclusive.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></section>` : ''}
<section class="apply" aria-labelledby="h-apply"><h2 id="h-apply">${escapeHtml(t(l, 'jobboard.applyTitle'))}</h2>
<p>${escapeHtml(t(l, 'jobboard.applyExplained'))}</p>
<p><a class="button" href="${escapeHtml(applyHref)}">${escapeHtml(t(l, 'jobboard.apply'))}</a></p>
</section>
</article>`;
  return layout(
    page,
    {
      title: v.title,
      description: `${v.employer.name} · ${placeText(l, v)} · ${t(l, `jobboard.contractType.${v.contractType}`)}`,
      canonical: url,
      head: `<script type="application/ld+json">${jsonForScript(jobPosting(v, url))}</script>`,
    },
    main,
  );
}

// ---- applying ------------------------------------------------------------------------------------------

export type ApplyState =
  | { kind: 'anonymous' }
  | { kind: 'seeker'; name: string }
  | { kind: 'not-seeker' }
  | { kind: 'done' }
  | { kind: 'refused'; message: string };

export function renderApply(page: PageContext, v: PublicVacancy, state: ApplyState): string {
  const l = page.locale;
  const next = `/jobs/${v.id}/apply`;
  let body: string;
  switch (state.kind) {
    case 'anonymous':
      body = `<p>${escapeHtml(t(l, 'jobboard.applyExplained'))}</p>
<ul class="choices">
<li><a class="button" data-primary href="${escapeHtml(`/register?vacancy=${encodeURIComponent(v.id)}`)}">${escapeHtml(t(l, 'jobboard.applyRegister'))}</a>
<p>${escapeHtml(t(l, 'jobboard.applyRegisterHint'))}</p></li>
<li><a class="button secondary" href="${escapeHtml(`/sign-in?next=${encodeURIComponent(next)}`)}">${escapeHtml(t(l, 'jobboard.applySignIn'))}</a>
<p>${escapeHtml(t(l, 'jobboard.applySignInHint'))}</p></li>
</ul>`;
      break;
    case 'seeker':
      body = `<p>${escapeHtml(t(l, 'jobboard.applySignedInAs', { name: state.name }))}</p>
<p>${escapeHtml(t(l, 'jobboard.applyExplained'))}</p>
<form method="post" action="${escapeHtml(href(page, next))}"><button type="submit">${escapeHtml(t(l, 'jobboard.applySend'))}</button></form>`;
      break;
    case 'not-seeker':
      body = `<p>${escapeHtml(t(l, 'jobboard.applyOnlySeekers'))}</p>`;
      break;
    case 'done':
      body = `<p role="status" class="success">${escapeHtml(t(l, 'jobboard.applyDone'))}</p>`;
      break;
    case 'refused':
      body = `<p role="alert" class="error">${escapeHtml(state.message)}</p>`;
      break;
  }
  return layout(
    page,
    { title: t(l, 'jobboard.applyPageTitle', { title: v.title }), noindex: true },
    `<p class="back"><a href="${escapeHtml(href(page, `/jobs/${v.id}`))}">${escapeHtml(t(l, 'jobboard.backToVacancy'))}</a></p>
<h1>${escapeHtml(t(l, 'jobboard.applyPageTitle', { title: v.title }))}</h1>
${body}`,
  );
}

/** A page for a problem (not found, not allowed…) in the board's frame. */
export function renderProblem(page: PageContext, status: number, message: string): string {
  const l = page.locale;
  const title = status === 404 ? t(l, 'jobboard.notFoundTitle') : t(l, 'jobboard.problemTitle');
  return layout(
    page,
    { title, noindex: true },
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(href(page, '/jobs'))}">${escapeHtml(t(l, 'jobboard.backToList'))}</a></p>`,
  );
}

// ---- sitemap, feed, robots ---------------------------------------------------------------------------------

export function sitemapXml(baseUrl: string, vacancies: PublicVacancy[], now: Date): string {
  const newest = vacancies.reduce((max, v) => (v.updatedAt > max ? v.updatedAt : max), '');
  const url = (loc: string, lastmod: string) =>
    `<url><loc>${escapeXml(loc)}</loc><lastmod>${escapeXml(lastmod)}</lastmod></url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url(`${baseUrl}/jobs`, newest || now.toISOString()), ...vacancies.map((v) => url(`${baseUrl}/jobs/${v.id}`, v.updatedAt))].join('\n')}
</urlset>
`;
}

export function atomFeed(baseUrl: string, locale: Locale, vacancies: PublicVacancy[], now: Date): string {
  const updated = vacancies.reduce((max, v) => (v.updatedAt > max ? v.updatedAt : max), '') || now.toISOString();
  const langQuery = locale === 'tr' ? '' : `?lang=${locale}`;
  const entries = vacancies.map((v) => {
    const link = `${baseUrl}/jobs/${v.id}${langQuery}`;
    const summary = [
      v.employer.name,
      placeText(locale, v),
      t(locale, `jobboard.contractType.${v.contractType}`),
      wageText(locale, v),
    ].join(' · ');
    return `<entry>
<id>urn:uuid:${v.id}</id>
<title type="text">${escapeXml(v.title)}</title>
<link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
<published>${escapeXml(v.publishedAt)}</published>
<updated>${escapeXml(v.updatedAt)}</updated>
<author><name>${escapeXml(v.employer.name)}</name></author>
<category term="${escapeXml(v.occupation)}"/>
<summary type="text">${escapeXml(summary)}</summary>
<content type="text">${escapeXml(v.duties)}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
<id>${escapeXml(`${baseUrl}/jobs`)}</id>
<title type="text">${escapeXml(t(locale, 'jobboard.feedTitle'))}</title>
<subtitle type="text">${escapeXml(t(locale, 'jobboard.listDescription'))}</subtitle>
<updated>${escapeXml(updated)}</updated>
<link rel="self" type="application/atom+xml" href="${escapeXml(`${baseUrl}/jobs/feed.atom${langQuery}`)}"/>
<link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}/jobs${langQuery}`)}"/>
<author><name>Köprü</name></author>
<generator>Köprü</generator>
${entries.join('\n')}
</feed>
`;
}

export function robotsTxt(baseUrl: string): string {
  return `User-agent: *
Allow: /jobs
Disallow: /api/
Disallow: /apply/
Disallow: /jobs/*/apply

Sitemap: ${baseUrl}/sitemap.xml
`;
}

/** The board's stylesheet: logical properties, so that Arabic (dir="rtl") mirrors by itself. */
export const BOARD_CSS = `:root{color-scheme:light;--fg:#1b1f24;--muted:#4f5b66;--line:#d5dbe1;--accent:#0b5cad;--accent-fg:#fff;--bg:#fff;--soft:#f3f6f9}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}
.demo-banner{margin:0;padding:.5rem 1rem;background:#fff4d6;color:#5c3d00;border-bottom:1px solid #e8c76a;text-align:center;font-weight:600}
.skip:focus{inset-inline-start:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
header.site,footer.site{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1.25rem;background:var(--soft);border-block-end:1px solid var(--line)}
footer.site{border-block-end:0;border-block-start:1px solid var(--line);margin-block-start:3rem;color:var(--muted);font-size:.9rem}
footer.site ul,.languages ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
.languages a[aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}
main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.lead,.meta,.count{color:var(--muted)}
form.search{background:var(--soft);border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:1rem 0}
.field{display:flex;flex-direction:column;gap:.25rem;margin-block-end:.75rem}
.field.check{flex-direction:row;align-items:center;gap:.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1rem;margin-block-start:.75rem}
input[type=search],input[type=text],select{font:inherit;padding:.5rem;border:1px solid #8a96a3;border-radius:.375rem;background:#fff;min-height:2.75rem}
summary{cursor:pointer;color:var(--accent)}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:.375rem;border:0;background:var(--accent);color:var(--accent-fg);text-decoration:none;cursor:pointer;min-height:2.75rem}
.button.secondary{background:transparent;color:var(--accent);border:2px solid var(--accent)}
p.back a{display:inline-flex;align-items:center;min-height:2.75rem}
.actions{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
ol.results{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem}
.card h2{margin:0 0 .25rem}
dl.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.5rem 1rem;margin:.75rem 0}
dl.facts dt{font-size:.85rem;color:var(--muted)}
dl.facts dd{margin:0;font-weight:600}
ul.badges{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0 0}
ul.badges li{background:#e6f0fa;color:#063e75;border-radius:1rem;padding:.1rem .75rem;font-size:.875rem}
nav.pages{display:flex;gap:1.5rem;justify-content:center;margin:1.5rem 0}
section.apply{background:var(--soft);border-radius:.5rem;padding:1rem;margin-block-start:2rem}
ul.choices{list-style:none;padding:0;display:grid;gap:1rem}
.success{color:#115c2a;font-weight:600}
.error{color:#9b1c1c;font-weight:600}
`;
