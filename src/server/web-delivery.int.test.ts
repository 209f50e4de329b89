import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from 'vite';
import { createTestContext, type TestClient, type TestContext } from './test/harness.ts';
import { precompress } from '../../scripts/precompress.ts';

// Issue 15 (web): how the web app's files and the API's answers travel. A small built web app is laid
// out in a temporary folder and compressed by the build plugin itself (scripts/precompress.ts).

const IMMUTABLE = 'public, max-age=31536000, immutable';
let t: TestContext;
let counsellor: TestClient;
let webDir: string;
let script: string;
let scriptName: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__" />' +
      '<script type="module" src="/assets/index-Bq3xY7aZ.js"></script></head><body><div id="root"></div></body></html>',
  );
  scriptName = 'index-Bq3xY7aZ.js';
  script = Array.from({ length: 400 }, (_, i) => `export const label${i} = 'Köprü ${i}';`).join('\n');
  fs.writeFileSync(path.join(webDir, 'assets', scriptName), script);
  fs.writeFileSync(path.join(webDir, 'assets', 'tiny-Dk29sLq1.css'), '.a{color:red}');
  const plugin = precompress();
  (plugin.configResolved as (c: ResolvedConfig) => void)({ root: webDir, build: { outDir: '.' } } as ResolvedConfig);
  await (plugin.closeBundle as () => Promise<void>)();

  t = await createTestContext({ webDir });
  counsellor = await t.as('ibb', 'counsellor');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('the build writes compressed copies', () => {
  it('writes .br and .gz beside a text file, none for a file too small to gain', () => {
    const files = fs.readdirSync(path.join(webDir, 'assets')).sort();
    expect(files).toEqual([scriptName, `${scriptName}.br`, `${scriptName}.gz`, 'tiny-Dk29sLq1.css']);
    const br = fs.readFileSync(path.join(webDir, 'assets', `${scriptName}.br`));
    expect(zlib.brotliDecompressSync(br).toString()).toBe(script);
  });
});

describe('hashed files of the web app', () => {
  it('sends the brotli copy to a browser that accepts it, kept for a year', async () => {
    const res = await t.anonymous.get(`/assets/${scriptName}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(res.headers['content-type'])).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(res.raw.rawPayload).toString()).toBe(script);
    expect(res.raw.rawPayload.length).toBeLessThan(script.length / 4);
    // The security headers hold for files too.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('sends the gzip copy to one that accepts only gzip, and the file itself to one that accepts neither', async () => {
    const gz = await t.anonymous.get(`/assets/${scriptName}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(zlib.gunzipSync(gz.raw.rawPayload).toString()).toBe(script);

    const plain = await t.anonymous.get(`/assets/${scriptName}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.raw.body).toBe(script);
  });

  it('sends a small file as it is, still immutable', async () => {
    const res = await t.anonymous.get('/assets/tiny-Dk29sLq1.css', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.raw.body).toBe('.a{color:red}');
  });

  it('answers 404 for a file that is not there, and never serves the manifest folder', async () => {
    expect((await t.anonymous.get('/assets/index-missing0.js', { 'accept-encoding': 'br' })).status).toBe(404);
    expect((await t.anonymous.get('/.vite/manifest.json')).status).toBe(404);
  });
});

describe('the index page', () => {
  it('is revalidated on every load (no-cache), with its own nonce, for the root and the app routes', async () => {
    const nonces = new Set<string>();
    for (const url of ['/', '/persons', '/register?vacancy=x']) {
      const res = await counsellor.get(url, { 'accept-encoding': 'br, gzip' });
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers.etag, url).toBeUndefined();
      const csp = String(res.headers['content-security-policy']);
      const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, url).toBeTruthy();
      const body =
        res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.raw.rawPayload) : res.raw.rawPayload;
      expect(body.toString(), url).toContain(`content="${nonce}"`);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(3);
  });
});

/** A request whose body is left as it came (the test client parses JSON, which a compressed body is not). */
function raw(url: string, headers: Record<string, string>) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: counsellor.cookie!, ...headers } });
}

describe('API answers', () => {
  it('are compressed above the threshold, and never cached', async () => {
    const res = await raw('/api/v1/persons?pageSize=25', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    const json = zlib.brotliDecompressSync(res.rawPayload).toString();
    expect(json.length).toBeGreaterThan(1024);
    expect(res.rawPayload.length).toBeLessThan(json.length / 2);
    const body = JSON.parse(json) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(0);

    const gz = await raw('/api/v1/persons?pageSize=25', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(body);
  });

  it('are sent as they are below the threshold or when the client asks for no compression', async () => {
    const health = await t.anonymous.get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.body).toMatchObject({ status: 'ok' });

    const plain = await counsellor.get('/api/v1/persons?pageSize=25');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.items.length).toBeGreaterThan(0);
  });

  it('keeps the type and the no-store of problem answers', async () => {
    const res = await raw('/api/v1/persons?q=' + 'x'.repeat(300), { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(400);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.headers['cache-control']).toBe('no-store');
    if (res.headers['content-encoding'] === 'gzip') {
      expect(JSON.parse(zlib.gunzipSync(res.rawPayload).toString())).toMatchObject({ status: 400 });
    } else {
      expect(res.json()).toMatchObject({ status: 400 });
    }
  });

  it('does not inflate a compressed request body', async () => {
    const body = zlib.gzipSync(JSON.stringify({ email: 'x@example.org', password: 'y' }));
    const res = await t.anonymous.request('POST', '/api/v1/auth/sign-in', body, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('the request path', () => {
  it('resolves session, user and permissions in one query, and /me in one more', async () => {
    await counsellor.get('/api/v1/me'); // records activity (lastSeenAt) if due
    const before = t.queries.length;
    const me = await counsellor.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.permissions).toContain('persons:read');
    expect(me.body.roles.map((r: { key: string }) => r.key)).toEqual(['counsellor']);
    expect(t.queries.slice(before)).toHaveLength(2);
    expect(t.queries[before]).toMatch(/from "sessions" inner join "users"/i);
  });

  it('reads the session afresh on every request: signing out takes effect at once', async () => {
    const other = await t.as('ibb', 'counsellor2');
    expect((await other.get('/api/v1/me')).status).toBe(200);
    expect((await other.post('/api/v1/auth/sign-out')).status).toBeLessThan(300);
    expect((await other.get('/api/v1/me')).status).toBe(401);
  });
});
