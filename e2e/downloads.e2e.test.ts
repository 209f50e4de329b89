import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, describeE2E, launchBrowser, newPage, signIn } from './helpers.ts';

/**
 * The download links of the report and register screens, built from their operations (`opHref`): each
 * address the page shows answers its file, so a link cannot point past its route unnoticed. The links
 * are read from the page and fetched with the page's session, as a click would.
 */

async function downloadLinks(page: Page, path: string): Promise<string[]> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('main a[download]').first().waitFor();
  return page.locator('main a[download]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

async function expectFile(page: Page, href: string): Promise<void> {
  expect(href.startsWith('/api/v1/')).toBe(true);
  const file = await page.request.get(new URL(href, baseUrl).toString());
  expect(`${href}: ${file.status()}`).toBe(`${href}: 200`);
  expect(file.headers()['content-disposition'] ?? '').toContain('attachment');
  expect((await file.body()).length).toBeGreaterThan(0);
}

/** Every download link of each screen points at its route (`address`) and answers a file. */
async function expectDownloads(page: Page, screens: readonly (readonly [string, RegExp])[]): Promise<void> {
  for (const [path, address] of screens) {
    const hrefs = await downloadLinks(page, path);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(address);
      await expectFile(page, href);
    }
  }
}

describeE2E('download links', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("a manager's report screens link to files that download", async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await expectDownloads(page, [
      ['/indicators', /^\/api\/v1\/indicators\/export\?/],
      ['/indicators/labour-market', /^\/api\/v1\/indicators\/labour-market\/export\?/],
      ['/cooperatives/statistics', /^\/api\/v1\/cooperatives\/statistics\/export\?format=/],
      ['/graduation/report', /^\/api\/v1\/graduation\/report\/file\?/],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the data protection officer's inventory and access review link to files that download", async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'dpo@ibb.example');
    await expectDownloads(page, [
      ['/data-protection/inventory', /^\/api\/v1\/data-protection\/inventory\/export\?format=/],
      ['/data-protection/access-review', /^\/api\/v1\/data-protection\/sensitive-reads\/export/],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
