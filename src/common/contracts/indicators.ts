/**
 * The indicators module's API (issue 16): the catalogue, released tables (aggregates only, small cells
 * suppressed consistently across every table of the same data), exports (CSV, XLSX, SDMX-CSV) and the
 * organisation's suppression threshold.
 */
import { Type, type Static } from 'typebox';
import { BREAKDOWNS, COLUMN_BREAKDOWNS, INDICATOR_CODES } from '../indicators.ts';
import { defineOp } from './op.ts';
import { IdParams, Known, Literals, LocaleSchema, Nullable } from './schema.ts';

const tags = ['indicators'] as const;
const readers = 'indicators:read' as const;

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const LocalTexts = Type.Object({ tr: Type.String(), en: Type.String(), ar: Type.String() });

export const IndicatorInfo = Type.Object({
  code: Type.String(),
  kind: Known(['count', 'stock', 'rate', 'median', 'sum']),
  unit: Type.String(),
  name: LocalTexts,
  description: LocalTexts,
  sdg: Type.Array(Type.String()),
  breakdowns: Type.Array(Known(BREAKDOWNS)),
});

export const Catalogue = Type.Object({
  threshold: Type.Integer(),
  indicators: Type.Array(IndicatorInfo),
  breakdowns: Type.Array(Known(BREAKDOWNS)),
  columnBreakdowns: Type.Array(Known(COLUMN_BREAKDOWNS)),
});
export type Catalogue = Static<typeof Catalogue>;

/** One cell: `value` null when suppressed (`flag` "suppressed") or not applicable (a rate over zero). */
export const TableCell = Type.Object({
  value: Nullable(Type.Number()),
  flag: Nullable(Known(['suppressed', 'not-applicable'])),
});
export type TableCell = Static<typeof TableCell>;

export const TableLine = Type.Object({
  key: Type.String(),
  label: Type.String(),
  cells: Type.Array(TableCell),
  total: TableCell,
});
export type TableLine = Static<typeof TableLine>;

export const ReleasedTable = Type.Object({
  indicator: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  kind: Known(['count', 'stock', 'rate', 'median', 'sum']),
  from: Type.String(),
  to: Type.String(),
  rows: Known(BREAKDOWNS),
  columns: Nullable(Known(COLUMN_BREAKDOWNS)),
  columnKeys: Type.Array(Type.String()),
  columnLabels: Type.Array(Type.String()),
  lines: Type.Array(TableLine),
  total: TableLine,
  /** The threshold applied; null when the caller sees exact figures on screen (row-level readers only). */
  threshold: Nullable(Type.Integer()),
  /** Whether the target-group breakdown counts a person in each of their groups (it does not add up). */
  additive: Type.Boolean(),
});
export type ReleasedTable = Static<typeof ReleasedTable>;

export const TableQuery = Type.Object(
  {
    from: Month,
    to: Month,
    rows: Literals(BREAKDOWNS),
    columns: Type.Optional(Literals(COLUMN_BREAKDOWNS)),
  },
  { additionalProperties: false },
);
export type TableQuery = Static<typeof TableQuery>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'sdmx'] as const;
export const ExportQuery = Type.Object(
  {
    from: Month,
    to: Month,
    rows: Literals(BREAKDOWNS),
    columns: Type.Optional(Literals(COLUMN_BREAKDOWNS)),
    format: Literals(EXPORT_FORMATS),
    /** Comma-separated indicator codes; all when absent. */
    indicators: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$' })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const SettingsBody = Type.Object(
  { threshold: Type.Integer({ minimum: 3, maximum: 100 }) },
  { additionalProperties: false },
);

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

export const catalogue = defineOp({
  method: 'GET',
  path: '/indicators',
  tags,
  summary: 'The indicator catalogue, the breakdowns and the organisation’s suppression threshold',
  access: readers,
  response: Catalogue,
});

export const releasedTable = defineOp({
  method: 'GET',
  path: '/indicators/:code/table',
  tags,
  summary: 'One indicator broken down by rows (and columns), with totals; small cells suppressed',
  access: readers,
  params: Type.Object({ code: Literals(INDICATOR_CODES) }),
  query: TableQuery,
  response: ReleasedTable,
});

export const exportTables = defineOp({
  method: 'GET',
  path: '/indicators/export',
  tags,
  summary: 'Indicators as CSV (UTF-8 with BOM), XLSX (a sheet per table, definitions, the rule) or SDMX-CSV',
  access: readers,
  query: ExportQuery,
  response: Binary,
});

export const updateSettings = defineOp({
  method: 'PUT',
  path: '/indicators/settings',
  tags,
  summary: 'Set the organisation’s smallest publishable cell (default 11)',
  access: 'organisation:manage',
  body: SettingsBody,
  response: Type.Object({ threshold: Type.Integer() }),
});

/** Labour-market insights (issue 16): demand from vacancies against supply from registrations. */
export const ISCO_LEVELS = ['1', '2', '3', '4'] as const;
export const LabourMarketQuery = Type.Object(
  {
    from: Month,
    to: Month,
    /** The ISCO-08 level of the occupation table: 1 major group … 4 unit group. */
    level: Type.Optional(Literals(ISCO_LEVELS)),
  },
  { additionalProperties: false },
);
export type LabourMarketQuery = Static<typeof LabourMarketQuery>;

const Count = Type.Integer({ minimum: 0 });
export const LabourMarket = Type.Object({
  from: Type.String(),
  to: Type.String(),
  level: Known(ISCO_LEVELS),
  /** The day the job seekers are counted on: the range's last day, or today when it is later. */
  seekersOn: Type.String(),
  /** The threshold applied to counts of persons; null when the caller sees exact figures on screen. */
  threshold: Nullable(Type.Integer()),
  totals: Type.Object({ vacancies: Count, positions: Count, unfilled: Count, seekers: TableCell }),
  occupations: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      vacancies: Count,
      positions: Count,
      /** Positions of these vacancies that no hire has filled yet. */
      unfilled: Count,
      /** Median lowest net monthly wage offered (TRY); null under three employers (their offers stay private). */
      medianWage: Nullable(Type.Number()),
      seekers: TableCell,
    }),
  ),
  skills: Type.Array(
    Type.Object({
      skillId: Type.String(),
      label: Type.String(),
      vacancies: Count,
      positions: Count,
      seekers: TableCell,
      /** Fewer job seekers hold it than positions ask for it; null when the hidden count leaves it open. */
      scarce: Nullable(Type.Boolean()),
    }),
  ),
  districts: Type.Array(
    Type.Object({ province: Type.String(), district: Type.String(), positions: Count, seekers: TableCell }),
  ),
  contracts: Type.Array(Type.Object({ contractType: Type.String(), vacancies: Count, positions: Count })),
  sectors: Type.Array(Type.Object({ section: Type.String(), label: Type.String(), hires: TableCell })),
  months: Type.Array(
    Type.Object({ month: Type.String(), vacancies: Count, positions: Count, registrations: TableCell }),
  ),
});
export type LabourMarket = Static<typeof LabourMarket>;

export const labourMarket = defineOp({
  method: 'GET',
  path: '/indicators/labour-market',
  tags,
  summary:
    'Demand from vacancies (occupation, skills, district, wage, contract) against supply from registrations; persons counted with disclosure control',
  access: readers,
  query: LabourMarketQuery,
  response: LabourMarket,
});

// ---- project and counsellor dashboards (issue 16) ------------------------------------------------------

/** English and Arabic texts are optional on a project and its indicators (Turkish is shown instead). */
const Localised = Type.Object({ tr: Type.String(), en: Nullable(Type.String()), ar: Nullable(Type.String()) });
export const ProjectPeriod = Type.Object({
  periodStart: Type.String(),
  periodEnd: Type.String(),
  target: Type.Number(),
  actual: TableCell,
  /** Actual ÷ target in per cent; null when the actual is hidden or there is no target. */
  progress: Nullable(Type.Number()),
});
export const ProjectIndicatorLine = Type.Object({
  code: Type.String(),
  title: Localised,
  measure: Type.String(),
  unit: Type.String(),
  /** Whether the actual counts persons (suppressed for callers who do not read rows). */
  persons: Type.Boolean(),
  target: Type.Number(),
  actual: TableCell,
  progress: Nullable(Type.Number()),
  periods: Type.Array(ProjectPeriod),
});
export const ProjectDashboardItem = Type.Object({
  id: Type.String(),
  code: Nullable(Type.String()),
  name: Localised,
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  status: Type.String(),
  /** Persons who took part in the project's courses (counted once). */
  reach: TableCell,
  /** Of them, persons who completed a course. */
  completed: TableCell,
  /** Of the completers, persons who started a job within six months after completing. */
  placed: TableCell,
  /** Placed ÷ completed in per cent; null when either is hidden or nobody completed. */
  placementRate: Nullable(Type.Number()),
  indicators: Type.Array(ProjectIndicatorLine),
});
export const ProjectDashboard = Type.Object({
  threshold: Nullable(Type.Integer()),
  projects: Type.Array(ProjectDashboardItem),
});
export type ProjectDashboard = Static<typeof ProjectDashboard>;

export const projectDashboard = defineOp({
  method: 'GET',
  path: '/indicators/projects',
  tags,
  summary: 'Each project’s targets against actuals, reach and placements; counts of persons suppressed for analysts',
  access: readers,
  query: Type.Object(
    { status: Type.Optional(Literals(['planned', 'active', 'closed'] as const)) },
    { additionalProperties: false },
  ),
  response: ProjectDashboard,
});

export const CaseloadQuery = Type.Object({ from: Month, to: Month }, { additionalProperties: false });
export type CaseloadQuery = Static<typeof CaseloadQuery>;
const Retention = Type.Object({
  recorded: Count,
  working: Count,
  /** Working ÷ recorded in per cent; null when none was recorded. */
  rate: Nullable(Type.Number()),
});
export const CaseloadMonth = Type.Object({
  month: Type.String(),
  referrals: Count,
  hires: Count,
  verified: Count,
});
export const CaseloadDashboard = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** Persons whose case with me was open at some time in the range. */
  persons: Count,
  /** My cases open on the range's last day (or today when it is earlier). */
  openCases: Count,
  referrals: Count,
  hires: Count,
  verified: Count,
  /** Verified ÷ hires in per cent. */
  registeredShare: Nullable(Type.Number()),
  retention: Type.Object({ '3m': Retention, '6m': Retention, '12m': Retention }),
  /** Employers' first answers to my caseload's referrals in the range, and the median working days. */
  answered: Count,
  medianResponseDays: Nullable(Type.Number()),
  months: Type.Array(CaseloadMonth),
});
export type CaseloadDashboard = Static<typeof CaseloadDashboard>;

export const caseloadDashboard = defineOp({
  method: 'GET',
  path: '/indicators/caseload',
  tags,
  summary: 'The calling counsellor’s caseload outcomes: referrals, hires, retention, employers’ response times',
  access: 'cases:write',
  query: CaseloadQuery,
  response: CaseloadDashboard,
});

export const LabourMarketExportQuery = Type.Object(
  {
    from: Month,
    to: Month,
    level: Type.Optional(Literals(ISCO_LEVELS)),
    format: Literals(['csv', 'xlsx'] as const),
  },
  { additionalProperties: false },
);
export type LabourMarketExportQuery = Static<typeof LabourMarketExportQuery>;

export const labourMarketExport = defineOp({
  method: 'GET',
  path: '/indicators/labour-market/export',
  tags,
  summary:
    'Labour-market insights as CSV (UTF-8 with BOM) or XLSX (a sheet per table and the rule): the suppressed release',
  access: readers,
  query: LabourMarketExportQuery,
  response: Binary,
});

// ---- background exports (issue 16) ------------------------------------------------------------------------

export const BACKGROUND_EXPORT_KINDS = ['indicators', 'labour-market'] as const;
export const BACKGROUND_EXPORT_STATUSES = ['queued', 'running', 'finished', 'failed', 'expired'] as const;

/** A large export, built by a job: every indicator (or the chosen ones), or the labour-market tables. */
export const BackgroundExportBody = Type.Object(
  {
    kind: Literals(BACKGROUND_EXPORT_KINDS),
    format: Literals(EXPORT_FORMATS),
    from: Month,
    to: Month,
    /** Indicators: the rows' breakdown (month when absent) and the columns'. */
    rows: Type.Optional(Literals(BREAKDOWNS)),
    columns: Type.Optional(Literals(COLUMN_BREAKDOWNS)),
    /** Indicators: comma-separated codes; all when absent. */
    indicators: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$' })),
    /** Labour market: the occupation table's ISCO-08 level. */
    level: Type.Optional(Literals(ISCO_LEVELS)),
  },
  { additionalProperties: false },
);
export type BackgroundExportBody = Static<typeof BackgroundExportBody>;

export const BackgroundExport = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Known(BACKGROUND_EXPORT_KINDS),
  format: Known(EXPORT_FORMATS),
  parameters: Type.Record(Type.String(), Type.String()),
  status: Known(BACKGROUND_EXPORT_STATUSES),
  /** 0–100. */
  progress: Type.Integer(),
  /** Why the job failed (an error code). */
  error: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  sizeBytes: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  /** The download answers 410 Gone from then on. */
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
});
export type BackgroundExport = Static<typeof BackgroundExport>;

export const requestExport = defineOp({
  method: 'POST',
  path: '/indicators/exports',
  tags,
  summary: 'Ask for a large export, built in the background (the suppressed release); poll the list for its progress',
  access: readers,
  body: BackgroundExportBody,
  response: BackgroundExport,
  status: 201,
});

export const myExports = defineOp({
  method: 'GET',
  path: '/indicators/exports',
  tags,
  summary: 'The caller’s background exports, newest first, with their progress',
  access: readers,
  response: Type.Object({ items: Type.Array(BackgroundExport) }),
});

export const downloadExport = defineOp({
  method: 'GET',
  path: '/indicators/exports/:id/file',
  tags,
  summary: 'Download a finished background export (the requester only; audited; 410 once expired)',
  access: readers,
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  response: Binary,
});

// ---- scheduled monthly reports (issue 16) ------------------------------------------------------------------

/** Who keeps the organisation's report schedules: managers (the programme desk) and organisation admins. */
const reportKeepers = ['programmes:manage', 'organisation:manage'] as const;
/** At most this many recipients per schedule. */
export const REPORT_RECIPIENTS_MAX = 20;
/**
 * Days a monthly report's file and its recipients' links work once the file is ready (a one-off
 * background export's file lives 24 hours): long enough for a monthly e-mail read late.
 */
export const REPORT_TTL_DAYS = 7;
/**
 * Where a schedule's last report stands: its file being built (nothing mailed yet), mailed to the
 * recipients once the file was ready, or failed (nothing mailed).
 */
export const REPORT_RUN_STATUSES = ['building', 'sent', 'failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

/**
 * A monthly report: a background export of the previous month (its kind, format and breakdowns, as in
 * `BackgroundExportBody` without the months), sent to each recipient as a download link by e-mail.
 * Recipients are deduplicated case-insensitively.
 */
export const ReportScheduleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    ...Type.Omit(BackgroundExportBody, ['from', 'to']).properties,
    recipients: Type.Array(Type.String({ format: 'email', maxLength: 320 }), {
      minItems: 1,
      maxItems: REPORT_RECIPIENTS_MAX,
    }),
    locale: LocaleSchema,
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ReportScheduleBody = Static<typeof ReportScheduleBody>;

export const ReportSchedule = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  kind: Known(BACKGROUND_EXPORT_KINDS),
  format: Known(EXPORT_FORMATS),
  parameters: Type.Record(Type.String(), Type.String()),
  recipients: Type.Array(Type.String()),
  locale: LocaleSchema,
  active: Type.Boolean(),
  /** The last month reported on (YYYY-MM), or null before the first report. */
  lastMonth: Nullable(Type.String()),
  /** That month's report: being built, sent, or failed (null before the first report). */
  lastStatus: Nullable(Known(REPORT_RUN_STATUSES)),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ReportSchedule = Static<typeof ReportSchedule>;

export const reportSchedules = defineOp({
  method: 'GET',
  path: '/indicators/report-schedules',
  tags,
  summary: 'The organisation’s monthly report schedules (at most 100, newest first)',
  access: reportKeepers,
  response: Type.Object({ items: Type.Array(ReportSchedule) }),
});

export const createReportSchedule = defineOp({
  method: 'POST',
  path: '/indicators/report-schedules',
  tags,
  summary: 'Schedule a monthly report: the previous month’s export, e-mailed to the recipients as a link (audited)',
  access: reportKeepers,
  body: ReportScheduleBody,
  response: ReportSchedule,
  status: 201,
});

export const updateReportSchedule = defineOp({
  method: 'PUT',
  path: '/indicators/report-schedules/:id',
  tags,
  summary: 'Change a monthly report schedule, or pause it (audited)',
  access: reportKeepers,
  params: IdParams,
  body: ReportScheduleBody,
  response: ReportSchedule,
});

export const deleteReportSchedule = defineOp({
  method: 'DELETE',
  path: '/indicators/report-schedules/:id',
  tags,
  summary: 'Delete a monthly report schedule (links already sent keep working until they expire; audited)',
  access: reportKeepers,
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

export const retryReport = defineOp({
  method: 'POST',
  path: '/indicators/report-schedules/:id/retry',
  tags,
  summary:
    'Ask again for the last report whose file could not be built (the recipients are mailed once it is; 409 unless it failed; audited)',
  access: reportKeepers,
  params: IdParams,
  response: ReportSchedule,
});

export const downloadReport = defineOp({
  method: 'GET',
  path: '/public/indicator-reports/:token',
  tags,
  summary: 'A recipient downloads a monthly report by the link in the e-mail (no sign-in; audited; 410 once expired)',
  description:
    'The token is opaque (no personal data), stored hashed, and never logged (the request log names the route, not the path).',
  access: 'public',
  params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) }),
  response: Binary,
  gone: true,
});
