import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blindIndex, decrypt, encrypt, isBase64 } from './crypto.ts';
import { fromValidation } from './errors.ts';
import { allows, enforce, inScope, scopeOf, type Actor } from './access.ts';
import { t } from './i18n.ts';
import { loadConfig, ConfigError } from '../config/config.ts';
import { hasControlCharacters, withTextRules } from './validation.ts';
import { serializeError } from './logging.ts';
import { isHttpUrl } from '../../common/url.ts';
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

  const keys = {
    KOPRU_DATA_KEY: Buffer.alloc(32, 1).toString('hex'),
    KOPRU_INDEX_KEY: Buffer.alloc(32, 2).toString('hex'),
  };

  it('runs a fresh clone as the demo, but a real-looking server only in the mode it names (issue 8, item 12)', () => {
    expect(loadConfig({ ...keys }).mode).toBe('demo');
    expect(() => loadConfig({ ...keys, DATABASE_URL: 'postgres://db/kopru' })).toThrow(/KOPRU_MODE/);
    expect(() => loadConfig({ ...keys, NODE_ENV: 'production' })).toThrow(/KOPRU_MODE/);
    expect(loadConfig({ ...keys, DATABASE_URL: 'postgres://db/kopru', KOPRU_MODE: 'demo' }).mode).toBe('demo');
    expect(loadConfig({ ...keys, NODE_ENV: 'production', KOPRU_MODE: 'production' }).mode).toBe('production');
    expect(() => loadConfig({ ...keys, KOPRU_MODE: 'production', KOPRU_TEST_MESSAGE_FILE: '/tmp/x' })).toThrow(
      /tests only/,
    );
  });

  it('trusts a number of proxy hops or a list of proxies, never every hop (issue 8, item 15)', () => {
    expect(loadConfig({ ...keys }).trustProxy).toBe(false);
    expect(loadConfig({ ...keys, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...keys, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...keys, TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(() => loadConfig({ ...keys, TRUST_PROXY: 'true' })).toThrow(/every X-Forwarded-For hop/);
    expect(() => loadConfig({ ...keys, TRUST_PROXY: 'proxy.example' })).toThrow(/not an IP address/);
    expect(() => loadConfig({ ...keys, TRUST_PROXY: '10.0.0.0/40' })).toThrow(/not an IP address/);
  });

  it('leaves the flood limit to a limiting proxy only when a proxy is trusted (issue 18)', () => {
    expect(loadConfig({ ...keys }).rateLimitPerMinute).toBe(600);
    expect(loadConfig({ ...keys, KOPRU_RATE_LIMIT: '50' }).rateLimitPerMinute).toBe(50);
    expect(loadConfig({ ...keys, KOPRU_RATE_LIMIT: 'off', TRUST_PROXY: '127.0.0.1' }).rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ ...keys, KOPRU_RATE_LIMIT: 'off' })).toThrow(/reverse proxy/);
    expect(() => loadConfig({ ...keys, KOPRU_RATE_LIMIT: '0' })).toThrow(/positive whole number/);
  });

  it('reads how many persons matching scores per query (issue 10)', () => {
    expect(loadConfig({ ...keys }).matchingPoolSize).toBe(5000);
    expect(loadConfig({ ...keys, KOPRU_MATCHING_POOL_SIZE: '20000' }).matchingPoolSize).toBe(20000);
    expect(() => loadConfig({ ...keys, KOPRU_MATCHING_POOL_SIZE: 'many' })).toThrow(/KOPRU_MATCHING_POOL_SIZE/);
  });
});

describe('text rules (issue 8, item 16)', () => {
  it('refuses control characters in one-line text, and allows tab and line breaks in multi-line text', () => {
    expect(hasControlCharacters('Şükrü Çağlayan')).toBe(false);
    expect(hasControlCharacters('a\u0000b')).toBe(true);
    expect(hasControlCharacters('a\nb')).toBe(true);
    expect(hasControlCharacters('a\u0085b')).toBe(true);
    expect(hasControlCharacters('a\u2028b')).toBe(true);
    expect(hasControlCharacters('bir\r\niki\tüç', 'multiline')).toBe(false);
    expect(hasControlCharacters('bir\u0000', 'multiline')).toBe(true);
    expect(hasControlCharacters('bir\u001b[31m', 'multiline')).toBe(true);
  });

  it('marks every string of a schema, through unions, arrays and nested objects, without changing the schema', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        note: { type: 'string', text: 'multiline' },
        tags: { type: 'array', items: { type: 'string' } },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        nested: { type: 'object', properties: { deep: { type: 'string' } } },
      },
    };
    const marked = withTextRules(schema);
    expect(marked.properties.name).toEqual({ type: 'string', text: 'line' });
    expect(marked.properties.note).toEqual({ type: 'string', text: 'multiline' });
    expect(marked.properties.tags.items).toEqual({ type: 'string', text: 'line' });
    expect(marked.properties.maybe.anyOf[0]).toEqual({ type: 'string', text: 'line' });
    expect(marked.properties.nested.properties.deep).toEqual({ type: 'string', text: 'line' });
    expect(schema.properties.name).toEqual({ type: 'string' });
  });

  it('accepts only absolute http(s) web addresses', () => {
    for (const ok of ['https://ornek.example', 'http://ornek.example/a?b=c#d', 'https://xn--rnek-4qa.example'])
      expect(isHttpUrl(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '//ornek.example',
      'https://',
      ' https://ornek.example',
      'https://orn ek.example',
    ])
      expect(isHttpUrl(bad), bad).toBe(false);
  });
});

describe('error log serialisation (issue 8, item 16)', () => {
  it('keeps what failed and drops the values', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "Ayşe Yılmaz"'), {
      code: '22P02',
      detail: 'Key (phone)=(+905321234567) already exists.',
      table: 'persons',
    });
    const err = Object.assign(
      new Error('Failed query: insert into persons values ($1, $2)\nparams: Ayşe,+905321234567'),
      {
        query: 'insert into persons values ($1, $2)',
        params: ['Ayşe', '+905321234567'],
        cause,
      },
    );
    const out = JSON.stringify(serializeError(err));
    expect(out).not.toMatch(/Ayşe|905321234567/);
    expect(out).toContain('22P02');
    expect(out).toContain('insert into persons values ($1, $2)');
    expect(out).toContain('persons');
  });
});

describe('database errors', () => {
  it('finds a unique violation however deep the driver error is wrapped, and its constraint', async () => {
    const { isUniqueViolation, uniqueAs } = await import('./db-errors.ts');
    const pg = Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'persons_id_number_uq' });
    const wrapped = new Error('Failed query', { cause: new Error('driver', { cause: pg }) });
    expect(isUniqueViolation(pg)).toBe(true);
    expect(isUniqueViolation(wrapped)).toBe(true);
    expect(isUniqueViolation(wrapped, 'persons_id_number_uq')).toBe(true);
    expect(isUniqueViolation(wrapped, 'other_uq')).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error('fk'), { code: '23503' }))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    const taken = new Error('taken');
    await expect(
      uniqueAs(
        () => taken,
        () => Promise.reject(wrapped),
      ),
    ).rejects.toBe(taken);
    await expect(
      uniqueAs(
        () => taken,
        () => Promise.reject(pg),
        'other_uq',
      ),
    ).rejects.toBe(pg);
    await expect(
      uniqueAs(
        () => taken,
        () => Promise.resolve(7),
      ),
    ).resolves.toBe(7);
  });
});

describe('isBase64', () => {
  it('accepts what Buffer writes as base64, of any bytes, and megabytes of it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) =>
        isBase64(Buffer.from(bytes).toString('base64')),
      ),
    );
    expect(isBase64(Buffer.alloc(5 * 1024 * 1024, 0x20).toString('base64'))).toBe(true);
  });
  it('refuses a data URL, URL-safe letters, white space, a wrong length and padding in the middle', () => {
    for (const bad of ['data:application/pdf;base64,JVBE', 'ab-_', 'ab c', 'abc', 'ab=c', 'a===', ''])
      expect(isBase64(bad), bad).toBe(false);
  });
});
