import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';

/**
 * A link's secret stays out of the request log (docs/SECURITY.md): the public API routes of survey, walk-in
 * and report links log their route's pattern, and the web app's pages of those links (/s/…, /f/…) log the
 * same placeholder. Nothing else about the request is lost: method, status and timing stay.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ logLevel: 'info' });
});
afterAll(async () => {
  await t?.close();
});

it('logs survey, walk-in and report links without their tokens', async () => {
  const token = 'Gizli-Baglanti-Tokeni-7f3a9c2e51';
  t.logLines.length = 0;
  for (const path of [
    `/api/v1/public/surveys/${token}`,
    `/api/v1/public/fairs/${token}`,
    `/api/v1/public/indicator-reports/${token}`,
    `/s/${token}`,
    `/f/${token}`,
  ]) {
    const res = await t.anonymous.get(path);
    expect(res.status, path).toBeLessThan(500);
  }
  const res = await t.anonymous.post(`/api/v1/public/surveys/${token}/responses`, { answers: [] });
  expect(res.status).toBeLessThan(500);
  const log = t.logLines.join('\n');
  expect(log).not.toContain(token);
  for (const pattern of [
    '/api/v1/public/surveys/:token',
    '/api/v1/public/fairs/:token',
    '/api/v1/public/indicator-reports/:token',
    '/api/v1/public/surveys/:token/responses',
    '"/s/:token"',
    '"/f/:token"',
  ])
    expect(log).toContain(pattern);
});
