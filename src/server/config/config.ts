import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import net from 'node:net';
import { addressUser } from '../db/multihost.ts';

export type Mode = 'demo' | 'production';
export type TrustProxy = false | number | string[];

export interface ArgonParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  /** Public address of the service, used in links sent by e-mail or SMS. */
  publicUrl: string;
  /** postgres:// address; undefined means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  /**
   * postgres:// address of the role that owns the schema and runs migrations (separate roles on a
   * server, see docs/OPERATIONS.md); undefined when the connecting role migrates itself (PGlite, a
   * single-role server) or migrations are applied separately with `kopru migrate`.
   */
  databaseOwnerUrl: string | undefined;
  /**
   * postgres:// address of a streaming replica (the app role there) for lag-tolerant reads: indicator
   * tables and exports, the public job board (src/server/lib/replica.ts). Undefined: every read on the primary.
   */
  databaseReplicaUrl?: string | undefined;
  dataDir: string;
  /** AES-256-GCM key for encrypted columns (ID numbers, special-category details, TOTP secrets). */
  dataKey: Buffer;
  /** HMAC-SHA256 key for blind indexes. */
  indexKey: Buffer;
  /**
   * During a key rotation only (docs/SECURITY.md): the keys being replaced, still accepted for reading
   * what is not yet re-sealed or re-indexed. Dropped once a completed rotation has retired them.
   */
  previousDataKey?: Buffer | undefined;
  previousIndexKey?: Buffer | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { provider: 'none' } | { provider: 'http'; url: string; token: string | undefined; sender: string };
  argon: ArgonParams;
  logLevel: string;
  /** Loads the demo data set into an empty database. */
  seedDemo: boolean;
  /**
   * Which reverse proxies may say, in X-Forwarded-For/-Proto/-Host, who the client is: none (false), the
   * nearest N hops, or the proxies at these addresses or subnets. Never "every hop": a client would
   * choose its own address and escape every per-address limit.
   */
  trustProxy: TrustProxy;
  webDir: string;
  /** Background workers (job queues and their schedules) run in this process. */
  runWorkers: boolean;
  /** Coarse flood limit: API requests per minute per client address; 0 = off (a proxy limits instead). */
  rateLimitPerMinute: number;
  /**
   * How many persons (or vacancies) matching scores exactly for one query, chosen by an SQL estimate of the
   * score when more qualify (docs/MATCHING.md): more costs CPU per query, fewer risks a top candidate the
   * estimate ranks low. Default 5,000.
   */
  matchingPoolSize?: number | undefined;
  /**
   * Test-only: deliver every message into this file (JSON lines) instead of sending it. The browser
   * tests read sign-in codes there. Refused in production mode.
   */
  testMessageFile?: string | undefined;
}

/** Persons scored exactly per candidates query (the SQL pool, the index's batches) unless KOPRU_MATCHING_POOL_SIZE says otherwise. */
export const DEFAULT_MATCHING_POOL_SIZE = 5000;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ROOT = path.resolve(import.meta.dirname, '../../..');

function parseKey(name: string, value: string): Buffer {
  const buf = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (buf.length !== 32) throw new ConfigError(`${name} must be 32 bytes, given as 64 hex digits or base64`);
  return buf;
}

interface KeyFile {
  dataKey: string;
  indexKey: string;
  previousDataKey?: string;
  previousIndexKey?: string;
}

/** In demo mode, keys are kept in a file in the data folder, created on first run (mode 600). */
function demoKeys(dataDir: string): KeyFile {
  const file = path.join(dataDir, 'keys.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  fs.mkdirSync(dataDir, { recursive: true });
  const keys: KeyFile = {
    dataKey: crypto.randomBytes(32).toString('hex'),
    indexKey: crypto.randomBytes(32).toString('hex'),
  };
  fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

/**
 * A fresh clone runs as the demo (`npm install && npm start`). Anything that looks like a real
 * installation — a PostgreSQL server or NODE_ENV=production — must say which mode it wants: demo mode
 * loads fictional data, shows demo sign-in codes and captures messages instead of sending them.
 */
function modeOf(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): Mode {
  const raw = env.KOPRU_MODE || undefined;
  if (raw !== undefined && raw !== 'demo' && raw !== 'production') {
    throw new ConfigError('KOPRU_MODE must be demo or production');
  }
  if (raw) return raw;
  if (databaseUrl || env.NODE_ENV === 'production') {
    throw new ConfigError(
      `${databaseUrl ? 'DATABASE_URL' : 'NODE_ENV=production'} is set but KOPRU_MODE is not: set KOPRU_MODE=production ` +
        '(with KOPRU_DATA_KEY and KOPRU_INDEX_KEY), or KOPRU_MODE=demo for a demonstration instance',
    );
  }
  return 'demo';
}

/**
 * TRUST_PROXY: unset or `false` (no proxy), a number of proxy hops in front of the server (`1` for one
 * load balancer), or a comma-separated list of proxy addresses or CIDR subnets (`10.0.0.5,10.1.0.0/16`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = value?.trim() ?? '';
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true would trust every X-Forwarded-For hop, so any client could choose its own address: ' +
        'give the number of proxies in front of Köprü (e.g. TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.5,10.0.1.0/24)',
    );
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('TRUST_PROXY: at most 10 proxy hops');
    return hops;
  }
  const list = raw.split(',').map((a) => a.trim());
  for (const entry of list) {
    const [address, bits, extra] = entry.split('/');
    const ip = net.isIP(address ?? '');
    const maxBits = ip === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!ip || !bitsOk || extra !== undefined) {
      throw new ConfigError(
        `TRUST_PROXY: "${entry}" is not an IP address or subnet (give a number of hops or a comma-separated list)`,
      );
    }
  }
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const mode = modeOf(env, databaseUrl);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a port number');
  const dataDir = path.resolve(env.KOPRU_DATA_DIR ?? path.join(ROOT, 'data'));
  const databaseOwnerUrl = env.DATABASE_OWNER_URL || undefined;
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL || undefined;
  if (databaseReplicaUrl && !databaseUrl) throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL (a server)');
  if (databaseReplicaUrl && !/^postgres(ql)?:\/\//.test(databaseReplicaUrl)) {
    throw new ConfigError('DATABASE_REPLICA_URL must start with postgres:// or postgresql://');
  }
  if (databaseOwnerUrl) {
    if (!databaseUrl) throw new ConfigError('DATABASE_OWNER_URL needs DATABASE_URL (the app role) beside it');
    if (!/^postgres(ql)?:\/\//.test(databaseOwnerUrl)) {
      throw new ConfigError('DATABASE_OWNER_URL must start with postgres:// or postgresql://');
    }
    // addressUser reads multi-host addresses too (h1:p1,h2:p2, failover), which URL refuses.
    const owner = addressUser(databaseOwnerUrl);
    const app = addressUser(databaseUrl);
    if (!app) throw new ConfigError('DATABASE_URL must name the app role (postgres://ROLE:password@host/db)');
    if (owner === app) throw new ConfigError('DATABASE_OWNER_URL and DATABASE_URL must name different roles');
  }

  let dataKeyRaw = env.KOPRU_DATA_KEY || undefined;
  let indexKeyRaw = env.KOPRU_INDEX_KEY || undefined;
  let previousDataRaw = env.KOPRU_DATA_KEY_PREVIOUS || undefined;
  let previousIndexRaw = env.KOPRU_INDEX_KEY_PREVIOUS || undefined;
  if (!dataKeyRaw || !indexKeyRaw) {
    if (mode === 'production') {
      throw new ConfigError('KOPRU_DATA_KEY and KOPRU_INDEX_KEY are required in production mode (see README)');
    }
    const keys = demoKeys(dataDir);
    dataKeyRaw ??= keys.dataKey;
    indexKeyRaw ??= keys.indexKey;
    previousDataRaw ??= keys.previousDataKey;
    previousIndexRaw ??= keys.previousIndexKey;
  }
  const dataKey = parseKey('KOPRU_DATA_KEY', dataKeyRaw);
  const indexKey = parseKey('KOPRU_INDEX_KEY', indexKeyRaw);
  if (dataKey.equals(indexKey)) throw new ConfigError('KOPRU_DATA_KEY and KOPRU_INDEX_KEY must differ');
  const previousDataKey = previousDataRaw ? parseKey('KOPRU_DATA_KEY_PREVIOUS', previousDataRaw) : undefined;
  const previousIndexKey = previousIndexRaw ? parseKey('KOPRU_INDEX_KEY_PREVIOUS', previousIndexRaw) : undefined;
  if (previousDataKey?.equals(dataKey) || previousIndexKey?.equals(indexKey))
    throw new ConfigError(
      'A previous key must differ from the current one (KOPRU_DATA_KEY_PREVIOUS, KOPRU_INDEX_KEY_PREVIOUS)',
    );

  const smsUrl = env.SMS_HTTP_URL;
  const publicUrl = (env.KOPRU_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError('KOPRU_PUBLIC_URL must be an absolute URL');
  }

  return {
    mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    databaseUrl,
    databaseOwnerUrl,
    databaseReplicaUrl,
    dataDir,
    dataKey,
    indexKey,
    previousDataKey,
    previousIndexKey,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Köprü <no-reply@kopru.local>',
    sms: smsUrl
      ? { provider: 'http', url: smsUrl, token: env.SMS_HTTP_TOKEN, sender: env.SMS_SENDER ?? 'KOPRU' }
      : { provider: 'none' },
    argon: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: mode === 'demo' && env.KOPRU_SEED !== 'false',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    webDir: path.join(ROOT, 'dist', 'web'),
    runWorkers: env.KOPRU_WORKERS !== 'false',
    rateLimitPerMinute: rateLimit(env.KOPRU_RATE_LIMIT, env.TRUST_PROXY),
    matchingPoolSize: positiveInt('KOPRU_MATCHING_POOL_SIZE', env.KOPRU_MATCHING_POOL_SIZE, DEFAULT_MATCHING_POOL_SIZE),
    testMessageFile: testMessageFile(mode, env.KOPRU_TEST_MESSAGE_FILE),
  };
}

function testMessageFile(mode: Mode, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (mode === 'production') throw new ConfigError('KOPRU_TEST_MESSAGE_FILE is for tests only: not in production mode');
  return path.resolve(value);
}

/**
 * KOPRU_RATE_LIMIT: API requests per client address per minute (default 600), or `off` when a reverse
 * proxy in front of the instances counts them per client address instead (scripts/cluster.ts): a count
 * kept in each instance's memory would let a client make N times as many requests through N instances.
 * `off` is refused without TRUST_PROXY (a server facing clients directly keeps its own limit).
 */
function rateLimit(value: string | undefined, trustProxy: string | undefined): number {
  if (value?.trim() !== 'off') return positiveInt('KOPRU_RATE_LIMIT', value, 600);
  if (parseTrustProxy(trustProxy) === false) {
    throw new ConfigError('KOPRU_RATE_LIMIT=off is for instances behind a reverse proxy that limits: set TRUST_PROXY');
  }
  return 0;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a positive whole number`);
  return n;
}

/** Cheap hashing and fixed keys for tests only. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    mode: 'demo',
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:3000',
    databaseUrl: undefined,
    databaseOwnerUrl: undefined,
    dataDir: path.join(ROOT, '.tmp', 'test-data'),
    dataKey: Buffer.alloc(32, 1),
    indexKey: Buffer.alloc(32, 2),
    smtpUrl: undefined,
    mailFrom: 'Köprü <no-reply@kopru.local>',
    sms: { provider: 'none' },
    argon: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    logLevel: 'error',
    seedDemo: true,
    trustProxy: false,
    webDir: path.join(ROOT, 'dist', 'web'),
    runWorkers: false,
    rateLimitPerMinute: 600,
    ...overrides,
  };
}
