import crypto from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { ArgonParams } from '../config/config.ts';

/** A random URL-safe token (sessions, invitation links). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as their SHA-256. */
export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(crypto.randomInt(0, 10));
  return out;
}

export function timingSafeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

export function hashPassword(password: string, params: ArgonParams): Promise<string> {
  // @node-rs/argon2 uses argon2id by default.
  return argonHash(password, params);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}

/**
 * The keys a process holds: the current one seals (and indexes) everything written; during a key rotation
 * (docs/SECURITY.md, "Key rotation") the previous one still opens what is not yet re-sealed. `Config`
 * satisfies this shape, so services pass `ctx.config`.
 */
export interface DataKeys {
  dataKey: Buffer;
  previousDataKey?: Buffer | undefined;
}
export interface IndexKeys {
  indexKey: Buffer;
  previousIndexKey?: Buffer | undefined;
}

/** A short public fingerprint of a key, written in front of each ciphertext (never the key itself). */
export function keyId(key: Buffer): string {
  return prepared(key).id;
}

/**
 * A key's id and its KeyObject, made once per key: both cost more than sealing a short value (a bulk
 * import seals and opens 100,000 rows). Keyed by the Buffer itself (the config's keys live as long as the
 * process); a key changed in place would not be seen, and keys never are.
 */
const PREPARED = new WeakMap<Buffer, { id: string; secret: crypto.KeyObject }>();
function prepared(key: Buffer): { id: string; secret: crypto.KeyObject } {
  let p = PREPARED.get(key);
  if (!p) {
    p = {
      id: crypto.createHash('sha256').update('kopru-key-id:').update(key).digest('base64url').slice(0, 8),
      secret: crypto.createSecretKey(key),
    };
    PREPARED.set(key, p);
  }
  return p;
}

/**
 * AES-256-GCM: "v2.<key id>.<iv>.<tag>.<ciphertext>", base64url parts. The key id says which key sealed
 * it, so that a key rotation knows what is left and a retired key is refused by name. ("v1.<iv>.<tag>.<data>",
 * written before key ids, is still read.)
 */
export function encrypt(plain: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', prepared(key).secret, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v2',
    keyId(key),
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join('.');
}

/** The key id of a ciphertext ("v2"), or null for the older format without one. */
export function sealedKeyId(sealed: string): string | null {
  return sealed.startsWith('v2.') ? (sealed.split('.')[1] ?? null) : null;
}

function open(iv: string, tag: string, data: string, key: Buffer): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', prepared(key).secret, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Opens a ciphertext with the key that sealed it: the current key or, during a rotation, the previous one.
 * A ciphertext sealed under any other key (a retired one) is refused.
 */
export function decrypt(sealed: string, keys: Buffer | DataKeys): string {
  const ring = Buffer.isBuffer(keys) ? [keys] : [keys.dataKey, ...(keys.previousDataKey ? [keys.previousDataKey] : [])];
  const parts = sealed.split('.');
  if (parts[0] === 'v2' && parts.length === 5) {
    const [, kid, iv, tag, data] = parts as [string, string, string, string, string];
    const key = ring.find((k) => keyId(k) === kid);
    if (!key) throw new Error(`Ciphertext sealed under key ${kid}, which is not configured (retired or missing)`);
    return open(iv, tag, data, key);
  }
  const [version, iv, tag, data] = parts;
  if (version !== 'v1' || !iv || !tag || data === undefined || parts.length !== 4)
    throw new Error('Unknown ciphertext format');
  let failure: unknown;
  for (const key of ring) {
    try {
      return open(iv, tag, data, key);
    } catch (err) {
      failure = err;
    }
  }
  throw failure instanceof Error ? failure : new Error('Ciphertext not opened');
}

/** HMAC-SHA256 blind index for exact search over encrypted values. */
export function blindIndex(value: string, key: Buffer): string {
  return crypto.createHmac('sha256', prepared(key).secret).update(value).digest('hex');
}

/**
 * The blind indexes to look a value up by: under the current key and, during a key rotation, the previous
 * one (a row not yet re-indexed still carries it). Use with `inArray(column, blindIndexes(…))`.
 */
export function blindIndexes(value: string, keys: IndexKeys): string[] {
  return [keys.indexKey, ...(keys.previousIndexKey ? [keys.previousIndexKey] : [])].map((k) => blindIndex(value, k));
}

/**
 * Whether a text is standard base64 (A–Z, a–z, 0–9, +, /; at most two `=` at the end; a length in fours).
 * A loop, not a regular expression: uploads are megabytes long, and a pattern such as
 * `^[A-Za-z0-9+/]+={0,2}$` over 4 MiB sometimes ran out of the regular-expression engine's stack (a 500
 * on a 3 MiB scan in the data-protection desk).
 */
export function isBase64(text: string): boolean {
  if (text.length === 0 || text.length % 4 !== 0) return false;
  let end = text.length;
  if (text.charCodeAt(end - 1) === 61) end--;
  if (text.charCodeAt(end - 1) === 61) end--;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}
