import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blindIndex, decrypt, encrypt } from './crypto.ts';
import { fromValidation } from './errors.ts';
import { allows, enforce, inScope, scopeOf, type Actor } from './access.ts';
import { t } from './i18n.ts';
import { loadConfig, ConfigError } from '../config/config.ts';
import type { Permission } from '../../common/permissions.ts';

const key = Buffer.alloc(32, 7);

describe('encryption', () => {
  it('round-trips any text and never stores it in clear', () => {
    fc.assert(
      fc.property(fc.string(), (plain) => {
        const sealed = encrypt(plain, key);
        expect(decrypt(sealed, key)).toBe(plain);
        if (plain.length > 3) expect(sealed).not.toContain(plain);
      }),
    );
  });

  it('refuses a tampered ciphertext or a wrong key', () => {
    const sealed = encrypt('12345678950', key);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('00000000000').toString('base64url');
    expect(() => decrypt(parts.join('.'), key)).toThrow();
    expect(() => decrypt(sealed, Buffer.alloc(32, 8))).toThrow();
  });

  it('builds a deterministic blind index that depends on the key', () => {
    expect(blindIndex('12345678950', key)).toBe(blindIndex('12345678950', key));
    expect(blindIndex('12345678950', key)).not.toBe(blindIndex('12345678950', Buffer.alloc(32, 9)));
  });
});

describe('validation errors', () => {
  it('maps Ajv errors to JSON pointers and message keys', () => {
    const problem = fromValidation(
      [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'email' } },
        { instancePath: '/password', keyword: 'minLength', params: { limit: 12 } },
        { instancePath: '/roles/1', keyword: 'format', params: { format: 'uuid' } },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'isAdmin' } },
      ],
      'body',
    );
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual([
      { pointer: '/email', code: 'errors.validation.required', params: {} },
      { pointer: '/password', code: 'errors.validation.minLength', params: { limit: 12 } },
      { pointer: '/roles/1', code: 'errors.validation.format.uuid', params: {} },
      { pointer: '/isAdmin', code: 'errors.validation.unknownField', params: {} },
    ]);
    expect(
      fromValidation([{ instancePath: '/page', keyword: 'minimum', params: { limit: 1 } }], 'querystring').errors[0]!
        .pointer,
    ).toBe('/querystring/page');
  });

  it('translates messages with parameters in all three languages', () => {
    expect(t('tr', 'errors.validation.minLength', { limit: 12 })).toBe('En az 12 karakter olmalıdır.');
    expect(t('en', 'errors.validation.minLength', { limit: 12 })).toBe('Must be at least 12 characters.');
    expect(t('ar', 'errors.validation.minLength', { limit: 12 })).toContain('12');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
  });
});

function actor(permissions: Permission[], overrides: Partial<Actor> = {}): Actor {
  return {
    userId: 'u',
    sessionId: 's',
    organisationId: 'org-1',
    officeId: 'office-1',
    kind: 'staff',
    fullName: 'Test',
    locale: 'tr',
    stage: 'active',
    permissions: new Set(permissions),
    ...overrides,
  };
}

describe('access policies', () => {
  it('applies public, signed-in, second-factor and permission policies', () => {
    expect(allows('public', null)).toBe(true);
    expect(allows('signed-in', null)).toBe(false);
    expect(allows('signed-in', actor([]))).toBe(true);
    expect(allows('persons:read', actor(['persons:read']))).toBe(true);
    expect(allows('persons:read', actor(['cases:read']))).toBe(false);
    expect(allows(['users:read', 'users:manage'], actor(['users:manage']))).toBe(true);
    // A half-finished sign-in reaches only the second-factor step.
    const pending = actor(['persons:read'], { stage: 'mfa' });
    expect(allows('signed-in', pending)).toBe(false);
    expect(allows('persons:read', pending)).toBe(false);
    expect(allows('second-factor', pending)).toBe(true);
    expect(() => enforce('persons:read', null)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => enforce('persons:read', actor([]))).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('limits staff to their office unless they may see all offices', () => {
    const counsellor = scopeOf(actor(['persons:read']));
    expect(inScope(counsellor, { organisationId: 'org-1', officeId: 'office-1' })).toBe(true);
    expect(inScope(counsellor, { organisationId: 'org-1', officeId: 'office-2' })).toBe(false);
    expect(inScope(counsellor, { organisationId: 'org-2', officeId: 'office-1' })).toBe(false);
    const manager = scopeOf(actor(['persons:read', 'offices:all']));
    expect(inScope(manager, { organisationId: 'org-1', officeId: 'office-2' })).toBe(true);
    expect(inScope(manager, { organisationId: 'org-2', officeId: 'office-2' })).toBe(false);
  });
});

describe('configuration', () => {
  it('requires keys in production mode and validates them', () => {
    expect(() => loadConfig({ KOPRU_MODE: 'production' })).toThrow(ConfigError);
    const hex = (b: number) => Buffer.alloc(32, b).toString('hex');
    expect(() => loadConfig({ KOPRU_MODE: 'production', KOPRU_DATA_KEY: 'short', KOPRU_INDEX_KEY: hex(2) })).toThrow(
      /32 bytes/,
    );
    expect(() => loadConfig({ KOPRU_MODE: 'production', KOPRU_DATA_KEY: hex(1), KOPRU_INDEX_KEY: hex(1) })).toThrow(
      /differ/,
    );
    const config = loadConfig({
      KOPRU_MODE: 'production',
      KOPRU_DATA_KEY: hex(1),
      KOPRU_INDEX_KEY: hex(2),
      PORT: '8080',
    });
    expect(config.port).toBe(8080);
    expect(config.seedDemo).toBe(false);
    expect(() => loadConfig({ KOPRU_MODE: 'staging' })).toThrow(/demo or production/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', KOPRU_DATA_KEY: hex(1), KOPRU_INDEX_KEY: hex(2) })).toThrow(
      /postgres/,
    );
  });
});
