/**
 * How long the counsellor's home takes to show its content in a cold browser (empty cache), read in the page
 * with the Performance API: used by the browser tests (printed, not asserted) and by `npm run bench -- web`.
 * No vitest imports here: the bench runs it outside the test runner.
 */
import type { Browser } from 'playwright-core';

export interface HomeTiming {
  /** From the start of the navigation to the desk's content on screen (ms). */
  contentMs: number;
  /** When `/me` was sent and answered, from the start of the navigation (ms). */
  meStart: number;
  meEnd: number;
  /** When the desk's data (`/counsellor-home`) was sent and answered. */
  deskStart: number;
  deskEnd: number;
  /** When the app called fetch for the desk's data, and when its fetch for `/me` resolved (ms). */
  deskCalledAt: number;
  meAnsweredAt: number;
  /** Scripts and styles: count, bytes over the wire, bytes once decompressed. */
  files: number;
  transferred: number;
  decoded: number;
}

export interface SignInTiming {
  /** From submitting the sign-in form to the desk's content on screen (ms), the sign-in page loaded cold. */
  afterSubmitMs: number;
}

/** A network to emulate in Chromium (DevTools protocol), instead of loopback. */
export interface Network {
  name: string;
  /** Round-trip latency added to every request (ms). */
  latency: number;
  /** Bytes per second. */
  down: number;
  up: number;
}

/** A good office line: 20 Mbit/s down, 5 up, 40 ms round trip. */
export const OFFICE_LINE: Network = { name: '20 Mbit/s, 40 ms', latency: 40, down: 2_500_000, up: 625_000 };

/** Records in the page when an element first appears (a MutationObserver, from the first byte of the page). */
function watchFor(testId: string) {
  return `(() => {
    const seen = () => {
      if (window.__seenAt === undefined && document.querySelector('[data-testid="${testId}"]')) {
        window.__seenAt = performance.now();
      }
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
    document.addEventListener('submit', () => { window.__submitAt = performance.now(); }, true);
    // When the app's code asks for /me and the desk's data, and when /me's answer reaches it: the order of
    // these does not depend on how busy the machine or the network is, unlike the resource timings.
    window.__calls = {};
    const fetch0 = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const path = new URL(url, location.href).pathname;
      const call = (window.__calls[path] ??= { calledAt: performance.now() });
      const answer = fetch0(input, init);
      answer.then(() => { call.answeredAt ??= performance.now(); }, () => undefined);
      return answer;
    };
  })();`;
}

const DESK = 'counsellor-desk';

/** A cold load of `/`, signed in (through the API) but with an empty cache: the desk's content, timed. */
export async function coldHome(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  network?: Network,
): Promise<HomeTiming> {
  const context = await browser.newContext({ locale: 'tr-TR', viewport: { width: 1280, height: 800 } });
  try {
    // Signed in through the API with the context's own request client: the session cookie lands in the
    // browser's cookie jar, and nothing is cached yet.
    const signedIn = await context.request.post(`${baseUrl}/api/v1/auth/sign-in`, { data: { email, password } });
    if (!signedIn.ok()) throw new Error(`sign-in as ${email}: ${signedIn.status()}`);
    await context.addInitScript({ content: watchFor(DESK) });
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.latency,
        downloadThroughput: network.down,
        uploadThroughput: network.up,
      });
    }
    await page.goto(`${baseUrl}/`);
    await page.getByTestId(DESK).waitFor({ timeout: 60_000 });
    return await page.evaluate(() => {
      const w = window as unknown as {
        __seenAt: number;
        __calls: Record<string, { calledAt: number; answeredAt?: number }>;
      };
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const api = (path: string) => resources.find((r) => new URL(r.name).pathname === `/api/v1${path}`);
      const files = resources.filter((r) => /\/assets\//.test(r.name));
      const me = api('/me');
      const desk = api('/counsellor-home');
      return {
        contentMs: w.__seenAt,
        meStart: me?.startTime ?? NaN,
        meEnd: me?.responseEnd ?? NaN,
        deskStart: desk?.startTime ?? NaN,
        deskEnd: desk?.responseEnd ?? NaN,
        deskCalledAt: w.__calls['/api/v1/counsellor-home']?.calledAt ?? NaN,
        meAnsweredAt: w.__calls['/api/v1/me']?.answeredAt ?? NaN,
        files: files.length,
        transferred: files.reduce((a, r) => a + r.transferSize, 0),
        decoded: files.reduce((a, r) => a + r.decodedBodySize, 0),
      };
    });
  } finally {
    await context.close();
  }
}

/** The sign-in page loaded cold, the form filled and sent: the time from sending it to the desk's content. */
export async function signInToHome(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
): Promise<SignInTiming> {
  const context = await browser.newContext({ locale: 'tr-TR', viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ content: watchFor(DESK) });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[type="password"]').fill(password);
    // What a person does: the page has been open for a moment (the code of the home screen may come in).
    await page.waitForTimeout(1500);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId(DESK).waitFor({ timeout: 60_000 });
    return await page.evaluate(() => {
      const w = window as unknown as { __seenAt: number; __submitAt: number };
      return { afterSubmitMs: w.__seenAt - w.__submitAt };
    });
  } finally {
    await context.close();
  }
}
