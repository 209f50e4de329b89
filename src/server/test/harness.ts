import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { testConfig, type Config } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { fixedClock } from '../lib/clock.ts';
import type { App } from '../http.ts';
import { capturingTransports, type CapturedMessage, type Transports } from '../modules/outbox/index.ts';
import { deliverDue } from '../modules/outbox/index.ts';
import { startJobs, type Jobs } from '../jobs/engine.ts';
import type { AppDeps } from '../http.ts';
import { TEST_APP_ROLE, TEST_OWNER_ROLE, urlAs } from './roles.ts';
import { outboxMessages } from '../db/schema/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../db/seed/demo.ts';
import { normalisePhone } from '../../common/contact.ts';

export { DEMO_PASSWORD, demoEmail };

export interface ClonedDatabase {
  /** Connected as the app role on a server (PGlite has one user). */
  database: Database;
  /** On a server: the same database as its owner (migrations, DDL), for tests about the roles. */
  ownerUrl?: string;
  drop: () => Promise<void>;
}

/** Opens a fresh copy of the run's migrated, seeded template database. */
export async function cloneTemplateDatabase(onQuery?: (sql: string) => void): Promise<ClonedDatabase> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(template.file)]);
    const database = await openDatabase({ loadDataDir: blob, onQuery });
    return { database, drop: async () => {} };
  }
  const name = `kopru_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template} OWNER ${TEST_OWNER_ROLE}`);
  const database = await openDatabase({
    databaseUrl: urlAs(template.serverUrl, TEST_APP_ROLE, name),
    poolSize: 4,
    onQuery,
  });
  return {
    database,
    ownerUrl: urlAs(template.serverUrl, TEST_OWNER_ROLE, name),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Response<T = any> {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: T;
  raw: LightMyRequestResponse;
}

export interface TestClient {
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Response<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<Response<T>>;
  request<T = any>(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  cookie: string | null;
}

export interface TestContext {
  app: App;
  database: Database;
  /** On a server: the owner's address of this test database (the app connects as the app role). */
  ownerUrl: string | undefined;
  /** Runs DDL a test needs (a constraint, say) as the schema's owner: the app role may not (PGlite: one user). */
  ownerExec(sqlText: string): Promise<void>;
  /** The job engine (sending only: tests call sweeps and handlers themselves, see jobs/handlers.ts). */
  jobs: Jobs;
  /** What the app was built with, for calling sweeps and handlers directly. */
  deps: AppDeps;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  transports: Transports;
  /**
   * Messages the test-only capturing transports delivered (when the test gave no transports of its
   * own): tests read sign-in codes and links here, as a person would in their inbox.
   */
  sent: CapturedMessage[];
  /** Delivers the due outbox messages now (through the context's transports). */
  deliver(): ReturnType<typeof deliverDue>;
  /** The newest captured message to a recipient, after delivering what is due. */
  lastDelivered(recipient: string): Promise<CapturedMessage | undefined>;
  /** The SQL text of every statement run since the context was made (tests compare code paths). */
  queries: string[];
  /** Log lines written by the app (JSON). */
  logLines: string[];
  /** A client with no session. */
  anonymous: TestClient;
  /** A client signed in with a demo account, e.g. as('ibb', 'counsellor'). Cached per account. */
  as(org: string, login: string): Promise<TestClient>;
  /** A client signed in with e-mail and password. */
  signIn(email: string, password?: string): Promise<TestClient>;
  /** Signs a seeker or employer user in with a one-time code, read from the capturing transport. */
  signInWithCode(identifier: string): Promise<TestClient>;
  /** The newest outbox message to a recipient. */
  lastMessageTo(recipient: string): Promise<typeof outboxMessages.$inferSelect | undefined>;
  close(): Promise<void>;
}

export function cookieFrom(response: LightMyRequestResponse): string | null {
  const header = response.headers['set-cookie'];
  const list = Array.isArray(header) ? header : header ? [header] : [];
  const session = list.find((c) => c.includes('kopru_session='));
  return session ? session.split(';')[0]! : null;
}

/**
 * A client of the app. An answer of 500 prints the app's log lines of that request (by its id) to the test's
 * output: the problem body says only "unexpected error", and a failure seen once on a loaded CI machine must
 * name its cause in the log.
 */
function client(app: App, cookie: string | null, logLines: string[]): TestClient {
  const c: TestClient = {
    cookie,
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method,
        url,
        headers: { ...(c.cookie ? { cookie: c.cookie } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const type = String(response.headers['content-type'] ?? '');
      const parsed = type.includes('json') && response.body ? (JSON.parse(response.body) as unknown) : response.body;
      if (response.statusCode >= 500) {
        const id = (parsed as { requestId?: unknown } | null)?.requestId;
        const lines = typeof id === 'string' ? logLines.filter((l) => l.includes(id)) : [];
        console.error(`${method} ${url} answered ${response.statusCode}; the app logged:\n${lines.join('\n')}`);
      }
      return { status: response.statusCode, headers: response.headers, body: parsed as never, raw: response };
    },
    get: (url, headers) => c.request('GET', url, undefined, headers),
    post: (url, body, headers) => c.request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => c.request('PATCH', url, body ?? {}, headers),
    put: (url, body, headers) => c.request('PUT', url, body ?? {}, headers),
    delete: (url, headers) => c.request('DELETE', url, undefined, headers),
  };
  return c;
}

/** Builds the app on a fresh clone of the seeded template database, with a controllable clock. */
/**
 * The time allowed to a test (or hook) that makes an instance of its own besides the file's: a fresh database
 * from the template, the job engine and the app take several seconds, and tens on a busy CI machine.
 */
export const NEW_INSTANCE_TIMEOUT = 120_000;

export async function createTestContext(
  overrides: Partial<Config> = {},
  transports?: Transports,
): Promise<TestContext> {
  const queries: string[] = [];
  const { database, drop, ownerUrl } = await cloneTemplateDatabase((q) => queries.push(q));
  const config = testConfig(overrides);
  const clock = fixedClock(new Date());
  const capture = capturingTransports();
  const t: Transports = transports ?? capture.transports;
  const logLines: string[] = [];
  const jobs = await startJobs(database, { maintain: false, poolSize: 2 });
  const deps: AppDeps = {
    config,
    database,
    clock,
    transports: t,
    jobs,
    logStream: { write: (line: string) => void logLines.push(line) },
  };
  const app = await buildApp(deps);
  await app.ready();
  const cache = new Map<string, TestClient>();

  const signIn = async (email: string, password = DEMO_PASSWORD) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
    if (response.statusCode !== 200)
      throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
    return client(app, cookieFrom(response), logLines);
  };

  const lastMessageTo = async (recipient: string) => {
    const [row] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, recipient))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1);
    return row;
  };

  const deliver = () => deliverDue({ db: database.db, clock, config, transports: t }, 100);
  const lastDelivered = async (recipient: string) => {
    await deliver();
    return capture.sent.findLast((m) => m.to === recipient);
  };

  let owner: Database | null = null;
  const ownerExec = async (sqlText: string) => {
    if (!ownerUrl) return database.exec(sqlText);
    owner ??= await openDatabase({ databaseUrl: ownerUrl, poolSize: 1 });
    await owner.exec(sqlText);
  };

  return {
    app,
    database,
    ownerUrl,
    ownerExec,
    jobs,
    deps,
    config,
    clock,
    transports: t,
    sent: capture.sent,
    deliver,
    lastDelivered,
    queries,
    logLines,
    anonymous: client(app, null, logLines),
    async as(org, login) {
      const key = `${org}/${login}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const c = await signIn(demoEmail(org, login));
      cache.set(key, c);
      return c;
    },
    signIn,
    async signInWithCode(identifier) {
      const request = await app.inject({ method: 'POST', url: '/api/v1/auth/code', payload: { identifier } });
      if (request.statusCode !== 202) throw new Error(`code request failed: ${request.body}`);
      const message = await lastDelivered(normalisePhone(identifier) ?? identifier.trim().toLowerCase());
      const code = /\b(\d{6})\b/.exec(message?.text ?? '')?.[1];
      if (!code) throw new Error(`no code sent to ${identifier}`);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/code/verify',
        payload: { identifier, code },
      });
      if (response.statusCode !== 200) throw new Error(`code sign-in failed: ${response.body}`);
      return client(app, cookieFrom(response), logLines);
    },
    lastMessageTo,
    async close() {
      await app.close();
      await jobs.stop();
      await owner?.close();
      await database.close();
      await drop();
    },
  };
}
