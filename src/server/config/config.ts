import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export type Mode = 'demo' | 'production';

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
  dataDir: string;
  /** AES-256-GCM key for encrypted columns (ID numbers, special-category details, TOTP secrets). */
  dataKey: Buffer;
  /** HMAC-SHA256 key for blind indexes. */
  indexKey: Buffer;
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { provider: 'none' } | { provider: 'http'; url: string; token: string | undefined; sender: string };
  argon: ArgonParams;
  logLevel: string;
  /** Loads the demo data set into an empty database. */
  seedDemo: boolean;
  trustProxy: boolean;
  webDir: string;
  /** Background workers (outbox delivery) run in this process. */
  runWorkers: boolean;
  /** Coarse flood limit: API requests per minute per client address. */
  rateLimitPerMinute: number;
}

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const modeRaw = env.KOPRU_MODE ?? 'demo';
  if (modeRaw !== 'demo' && modeRaw !== 'production') throw new ConfigError('KOPRU_MODE must be demo or production');
  const mode: Mode = modeRaw;
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a port number');
  const dataDir = path.resolve(env.KOPRU_DATA_DIR ?? path.join(ROOT, 'data'));
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }

  let dataKeyRaw = env.KOPRU_DATA_KEY;
  let indexKeyRaw = env.KOPRU_INDEX_KEY;
  if (!dataKeyRaw || !indexKeyRaw) {
    if (mode === 'production') {
      throw new ConfigError('KOPRU_DATA_KEY and KOPRU_INDEX_KEY are required in production mode (see README)');
    }
    const keys = demoKeys(dataDir);
    dataKeyRaw ??= keys.dataKey;
    indexKeyRaw ??= keys.indexKey;
  }
  const dataKey = parseKey('KOPRU_DATA_KEY', dataKeyRaw);
  const indexKey = parseKey('KOPRU_INDEX_KEY', indexKeyRaw);
  if (dataKey.equals(indexKey)) throw new ConfigError('KOPRU_DATA_KEY and KOPRU_INDEX_KEY must differ');

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
    dataDir,
    dataKey,
    indexKey,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Köprü <no-reply@kopru.local>',
    sms: smsUrl
      ? { provider: 'http', url: smsUrl, token: env.SMS_HTTP_TOKEN, sender: env.SMS_SENDER ?? 'KOPRU' }
      : { provider: 'none' },
    argon: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: mode === 'demo' && env.KOPRU_SEED !== 'false',
    trustProxy: env.TRUST_PROXY === 'true',
    webDir: path.join(ROOT, 'dist', 'web'),
    runWorkers: env.KOPRU_WORKERS !== 'false',
    rateLimitPerMinute: positiveInt('KOPRU_RATE_LIMIT', env.KOPRU_RATE_LIMIT, 600),
  };
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
    dataDir: path.join(ROOT, '.tmp', 'test-data'),
    dataKey: Buffer.alloc(32, 1),
    indexKey: Buffer.alloc(32, 2),
    smtpUrl: undefined,
    mailFrom: 'Köprü <no-reply@kopru.local>',
    sms: { provider: 'none' },
    argon: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    logLevel: 'silent',
    seedDemo: true,
    trustProxy: false,
    webDir: path.join(ROOT, 'dist', 'web'),
    runWorkers: false,
    rateLimitPerMinute: 600,
    ...overrides,
  };
}
