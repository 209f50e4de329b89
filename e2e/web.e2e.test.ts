import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { readManifest } from '../bench/web-chunks.ts';
import { baseUrl, DEMO_PASSWORD, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';
import { coldHome } from './timing.ts';

/**
 * Issue 15 (web): the public pages load none of the staff screens' code, screens are loaded on demand and
 * render in Turkish and in Arabic, and the files arrive compressed and cacheable for a year.
 */

const webDir = path.resolve(import.meta.dirname, '..', 'dist', 'web');
const PUBLIC_SCREENS = /^src\/web\/pages\/(auth\/|self-service\/RegisterPage|home\/NotFoundPage)/;

/** The files of the staff screens (the shell and every page behind sign-in), by screen. */
function staffFiles(): Map<string, string> {
  const manifest = readManifest(webDir);
  const files = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !chunk.src) continue;
    if (key === 'src/web/app/Shell.tsx' || (key.startsWith('src/web/pages/') && !PUBLIC_SCREENS.test(key))) {
      files.set(`/${chunk.file}`, key);
    }
  }
  return files;
}

/** Every script the page asks for, with the headers of its answer. */
function recordScripts(page: Page): { url: string; headers: Promise<Record<string, string>> }[] {
  const seen: { url: string; headers: Promise<Record<string, string>> }[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    seen.push({ url: new URL(response.url()).pathname, headers: response.allHeaders() });
  });
  return seen;
}

describeE2E('web delivery and code splitting', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the public registration page loads without the staff screens, its files compressed and immutable', async () => {
    const staff = staffFiles();
    expect(staff.size).toBeGreaterThan(20);
    expect([...staff.values()]).toContain('src/web/pages/home/HomePage.tsx');

    const { context, page, errors } = await newPage(browser);
    const scripts = recordScripts(page);
    await page.goto(`${baseUrl}/register`);
    await page.getByRole('heading', { name: tr.selfService.title }).first().waitFor();
    // Past the first step too: the form's parts (person fields) come with the page, not with a staff screen.
    await page.waitForLoadState('networkidle');

    const urls = scripts.map((s) => s.url);
    expect(urls.length).toBeGreaterThan(1);
    expect(urls.filter((u) => staff.has(u)).map((u) => staff.get(u))).toEqual([]);
    for (const script of scripts) {
      const headers = await script.headers;
      expect(headers['cache-control'], script.url).toBe('public, max-age=31536000, immutable');
      // Chromium asks for br; files under 1 kB are sent as they are.
      if (Number(headers['content-length'] ?? 2048) > 1024 || headers['content-encoding']) {
        expect(headers['content-encoding'], script.url).toBe('br');
      }
    }
    // The production build users get, not React's development build (which vitest's NODE_ENV=test once
    // gave every browser test: several times slower to render, and not what is shipped).
    for (const url of urls) {
      const body = await (await page.request.get(`${baseUrl}${url}`)).text();
      expect(body.includes('jsxDEV'), url).toBe(false);
    }
    const index = await page.request.get(`${baseUrl}/register`);
    expect(index.headers()['cache-control']).toBe('no-cache');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the sign-in page loads without the staff screens', async () => {
    const staff = staffFiles();
    const { context, page, errors } = await newPage(browser);
    const scripts = recordScripts(page);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { name: tr.auth.signInTitle }).waitFor();
    // The home screen's code is fetched a moment later, while the person types (routes.tsx).
    const early = scripts.map((s) => s.url).filter((u) => staff.has(u));
    expect(
      early.every((u) => ['src/web/app/Shell.tsx', 'src/web/pages/home/HomePage.tsx'].includes(staff.get(u)!)),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads each screen when it is opened, in Turkish', async () => {
    const staff = staffFiles();
    const fileOf = (key: string) => [...staff].find(([, k]) => k === key)![0];
    const { context, page, errors } = await newPage(browser);
    const scripts = recordScripts(page);
    await signIn(page, 'counsellor@izmir.example');
    await page.getByTestId('welcome').waitFor();
    const caseload = fileOf('src/web/pages/cases/CaseloadPage.tsx');
    expect(scripts.map((s) => s.url)).not.toContain(caseload);

    await page.getByRole('link', { name: tr.cases.caseload.nav }).first().click();
    await page.getByRole('heading', { level: 1, name: tr.cases.caseload.title }).waitFor();
    expect(scripts.map((s) => s.url)).toContain(caseload);

    await page.getByRole('link', { name: tr.persons.nav }).first().click();
    await page.getByRole('heading', { level: 1, name: tr.persons.title }).waitFor();
    await page.getByRole('link', { name: tr.nav.account }).first().click();
    await page.getByRole('heading', { level: 1, name: tr.account.title }).waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('ltr');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads each screen when it is opened, in Arabic, right to left', async () => {
    const { context, page, errors } = await newPage(browser);
    // Rahaf Al-Sayed's account is in Arabic: the app switches after sign-in.
    await signIn(page, 'counsellor@umut.example');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('link', { name: ar.cases.caseload.nav }).first().click();
    await page.getByRole('heading', { level: 1, name: ar.cases.caseload.title }).waitFor();
    await page.getByRole('link', { name: ar.persons.nav }).first().click();
    await page.getByRole('heading', { level: 1, name: ar.persons.title }).waitFor();
    await page.getByRole('link', { name: ar.nav.account }).first().click();
    await page.getByRole('heading', { level: 1, name: ar.account.title }).waitFor();
    await expect(page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).resolves.toEqual([
      'rtl',
      'ar',
    ]);
    // Mantine follows the direction: the navigation sits on the right.
    const nav = await page.getByRole('navigation').first().boundingBox();
    expect(nav!.x).toBeGreaterThan(600);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a cold counsellor home: /me and the desk asked for together (timed, not asserted)', async () => {
    const timing = await coldHome(browser, baseUrl, 'counsellor@izmir.example', DEMO_PASSWORD);
    console.log(
      `[web] cold counsellor home: content at ${timing.contentMs.toFixed(0)} ms; /me ${timing.meStart.toFixed(0)}–` +
        `${timing.meEnd.toFixed(0)} ms, desk data ${timing.deskStart.toFixed(0)}–${timing.deskEnd.toFixed(0)} ms; ` +
        `${timing.files} files, ${(timing.transferred / 1024).toFixed(0)} kB sent (${(timing.decoded / 1024).toFixed(0)} kB decoded)`,
    );
    expect(timing.contentMs).toBeGreaterThan(0);
    // The desk's data does not wait for /me's answer: the app asks for it before /me's answer reaches it
    // (the order of the app's own calls; the network's timings vary with the machine's load).
    expect(timing.deskCalledAt).toBeLessThan(timing.meAnsweredAt);
    expect(timing.transferred).toBeLessThan(timing.decoded / 2);
    expect(fs.existsSync(path.join(webDir, '.vite', 'manifest.json'))).toBe(true);
  });
});
