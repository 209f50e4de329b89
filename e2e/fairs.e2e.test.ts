import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  isoInDays,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 13 in the browser: a visitor scans the QR code at the entrance of a district career fair and
 * registers on their phone in Arabic: the page turns right to left, fits the phone's width, its touch
 * targets are at least 44 px, the fields say what they hold (autocomplete), the KVKK notice must be
 * confirmed (the refusal is in Arabic), and the walk-in appears among the fair's visitors.
 */

describeE2E('fairs: walk-in registration on a phone in Arabic', () => {
  let browser: Browser;
  let manager = '';
  let fair: { id: string; walkInUrl: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    manager = await apiSignIn('manager@ibb.example');
    const offices = await apiGet<{ items: { id: string; name: string }[] }>(manager, '/offices');
    fair = await apiPostAs(manager, '/fairs', {
      name: `Bağcılar Kariyer Günü ${Date.now()}`,
      startDate: isoInDays(1),
      endDate: isoInDays(2),
      place: 'Bağcılar Kültür Merkezi',
      province: 'İstanbul',
      district: 'Bağcılar',
      officeId: offices.items[0]!.id,
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a visitor registers at the fair on a phone-sized screen in Arabic', async () => {
    const context = await browser.newContext({
      locale: 'tr-TR',
      viewport: { width: 390, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const token = fair.walkInUrl.split('/f/')[1]!;
    await page.goto(`${baseUrl}/f/${token}`);
    await page.getByTestId('walk-in-given-name').waitFor();

    // eslint-disable-next-line no-restricted-syntax -- a signed-out page: the choice stays in this browser
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ar');
    await page.getByText(ar.fairs.walkIn.intro).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The fields say what they hold, for the phone's keyboard and autofill.
    await expect(page.getByTestId('walk-in-given-name').getAttribute('autocomplete')).resolves.toBe('given-name');
    await expect(page.getByTestId('walk-in-family-name').getAttribute('autocomplete')).resolves.toBe('family-name');
    await expect(page.getByTestId('walk-in-phone').getAttribute('autocomplete')).resolves.toBe('tel');
    // Every touch target is at least 44 px high.
    for (const id of [
      'walk-in-given-name',
      'walk-in-family-name',
      'walk-in-phone',
      'walk-in-sex-female',
      'walk-in-sex-male',
      'walk-in-sex-unstated',
      'walk-in-contact',
      'walk-in-notice-accepted',
      'walk-in-submit',
    ]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.height, id).toBeGreaterThanOrEqual(44);
    }

    await page.getByTestId('walk-in-given-name').fill('أحمد');
    await page.getByTestId('walk-in-family-name').fill('الحسن');
    await page.getByTestId('walk-in-phone').fill('0533 111 22 33');
    await page.getByTestId('walk-in-sex-male').click();
    await page.getByTestId('walk-in-contact').click();
    // Without confirming the notice: refused, in Arabic, nothing registered.
    await page.getByTestId('walk-in-submit').click();
    await page.getByText(ar.errors.fairs.noticeRequired).first().waitFor();
    await page.getByTestId('walk-in-notice-accepted').click();
    await page.getByTestId('walk-in-submit').click();
    await page.getByTestId('walk-in-thanks').waitFor();
    await page.getByText(ar.fairs.walkIn.thanks).waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');

    const visitors = await apiGet<{ items: { name: string; channel: string; sex: string; phone: string | null }[] }>(
      manager,
      `/fairs/${fair.id}/visitors`,
    );
    expect(visitors.items).toHaveLength(1);
    expect(visitors.items[0]).toMatchObject({
      name: 'أحمد الحسن',
      channel: 'walk-in',
      sex: 'male',
      phone: '05331112233',
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the organiser finds the fair in the list and reads its visitors and report', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/fairs`);
    await page.getByTestId('fairs-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByRole('link', { name: /Bağcılar Kariyer Günü/ })
      .first()
      .click();
    await page.getByTestId('walk-in-link').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: tr.fairs.page.visitors }).click();
    await page.getByTestId('fair-visitors').getByText('أحمد الحسن').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: tr.fairs.page.report }).click();
    await expect(page.getByTestId('report-walkIns').textContent()).resolves.toBe('1');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/fairs/new`);
    await page.getByTestId('fair-name').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
  it('in Arabic the fair page keeps its dates whole beside the Latin place name', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/fairs/${fair.id}`);
    await page.getByTestId('fair-when-where').waitFor();
    await arabicForThisPage(page);
    // "start – end · place, district / province": each date from formatDate is one isolate (FSI … PDI), so
    // in a right-to-left line its digits do not join the Latin run beside them ("2026/12/Bağcılar … · 20").
    const line = await page.getByTestId('fair-when-where').evaluate((el) => {
      const nodes: { node: Text; at: number }[] = [];
      let text = '';
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        nodes.push({ node, at: text.length });
        text += node.data;
      }
      // Where the characters [from, to) of the line are drawn: the left and right ends of their boxes.
      const span = (from: number, to: number) => {
        const range = document.createRange();
        const place = (offset: number, set: (n: Node, o: number) => void) => {
          const hit = nodes.findLast((n) => n.at <= offset)!;
          set(hit.node, offset - hit.at);
        };
        place(from, (n, o) => range.setStart(n, o));
        place(to, (n, o) => range.setEnd(n, o));
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        return { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
      };
      const dates = [...text.matchAll(/\u2068([^\u2068\u2069]*)\u2069/g)].map((m) => ({
        text: m[1]!,
        ...span(m.index + 1, m.index + 1 + m[1]!.length),
      }));
      const name = 'Bağcılar Kültür Merkezi';
      return { text, dates, place: span(text.indexOf(name), text.indexOf(name) + name.length) };
    });
    expect(line.text).toContain('Bağcılar Kültür Merkezi, Bağcılar / İstanbul');
    expect(line.dates.map((d) => d.text)).toEqual([
      expect.stringMatching(/^\d{2}\u200f\/\d{2}\u200f\/\d{4}$/),
      expect.stringMatching(/^\d{2}\u200f\/\d{2}\u200f\/\d{4}$/),
    ]);
    // Right to left: the start date first (rightmost), then the end date, then the place, each whole.
    const [start, end] = line.dates as [(typeof line.dates)[0], (typeof line.dates)[0]];
    expect(start.left).toBeGreaterThanOrEqual(end.right);
    expect(end.left).toBeGreaterThanOrEqual(line.place.right);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the organiser changes the fair on its edit screen: a bad date is named, a good change is shown', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/fairs/${fair.id}`);
    await page.getByTestId('fair-edit').click();
    await page.getByTestId('fair-name').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // An end before the start: the server's refusal is shown on the end date, nothing is saved.
    await page.getByTestId('fair-end').fill(isoInDays(-3));
    await page.getByTestId('fair-save').click();
    await page.getByText(tr.errors.fairs.endBeforeStart).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const unchanged = await apiGet<{ endDate: string }>(manager, `/fairs/${fair.id}`);
    expect(unchanged.endDate).toBe(isoInDays(2));

    await page.getByTestId('fair-end').fill(isoInDays(3));
    await page.getByLabel(tr.fairs.fields.place).fill('Bağcılar Gençlik Merkezi');
    await page.getByTestId('fair-save').click();
    await page.getByTestId('walk-in-link').waitFor();
    await page
      .getByText(/Bağcılar Gençlik Merkezi/)
      .first()
      .waitFor();
    const saved = await apiGet<{ endDate: string; place: string }>(manager, `/fairs/${fair.id}`);
    expect(saved).toMatchObject({ endDate: isoInDays(3), place: 'Bağcılar Gençlik Merkezi' });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
  it('removing a position or a stand that has applications: the confirm dialog answers with the refusal, nothing removed', async () => {
    // A stand with a fair-only position, a registered visitor who applied to it (through the API).
    const counsellor = await apiSignIn('counsellor@ibb.example');
    const employers = await apiGet<{ items: { id: string }[] }>(manager, '/employers?status=verified&pageSize=1');
    await apiPostAs(manager, `/fairs/${fair.id}/employers`, { employerId: employers.items[0]!.id, stand: 'B7' });
    const withPosition = await apiPostAs<{ employers: { id: string; positions: { id: string }[] }[] }>(
      manager,
      `/fairs/${fair.id}/employers/${(await apiGet<{ employers: { id: string }[] }>(manager, `/fairs/${fair.id}`)).employers.at(-1)!.id}/positions`,
      {
        title: 'Kasiyer',
        openings: 2,
        startDate: isoInDays(30),
        contractType: 'permanent',
        wageMin: 32000,
        wageBasis: 'net',
        hoursPerWeek: 45,
        hoursPerDay: 9,
        shifts: ['day'],
        hazardClass: 'low',
        minimumAge: 18,
        registered: true,
      },
    );
    const positionId = withPosition.employers.at(-1)!.positions[0]!.id;
    const person = await apiPostAs<{ id: string }>(counsellor, '/persons', {
      givenName: 'Fuarda',
      familyName: `Başvuran ${Date.now()}`,
      birthDate: '1994-06-06',
      sex: 'female',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
      confirmNotDuplicate: true,
    });
    const visitor = await apiPostAs<{ id: string }>(counsellor, `/fairs/${fair.id}/visitors`, { personId: person.id });
    await apiPostAs(counsellor, `/fairs/${fair.id}/applications`, { visitorId: visitor.id, positionId });

    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/fairs/${fair.id}`);
    await page.getByTestId('walk-in-link').waitFor();
    const positions = page.getByTestId('remove-fair-position');
    await positions.first().waitFor();
    const before = await positions.count();
    // The position: confirm, and the server's refusal says why.
    await positions.last().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Kasiyer').waitFor();
    await dialog.getByRole('button', { name: tr.fairs.removePosition }).click();
    await page.getByText(tr.errors.fairs.positionHasApplications.replace('{{n}}', '1')).first().waitFor();
    await expect.poll(() => positions.count()).toBe(before);
    // The stand: the same.
    await page.getByTestId('remove-fair-employer').last().click();
    await page.getByRole('dialog').getByRole('button', { name: tr.fairs.removeEmployer }).click();
    await page.getByText(tr.errors.fairs.employerHasApplications.replace('{{n}}', '1')).first().waitFor();
    const after = await apiGet<{ employers: { positions: { id: string }[] }[] }>(manager, `/fairs/${fair.id}`);
    expect(after.employers.flatMap((e) => e.positions.map((p) => p.id))).toContain(positionId);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
