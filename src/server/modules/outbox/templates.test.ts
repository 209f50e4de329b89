import { describe, expect, it } from 'vitest';
import { hasKey } from '../../lib/i18n.ts';
import { LOCALES } from '../../../common/locales.ts';
import { failureReason, OUTBOX_FAILURES } from '../../../common/contracts/outbox.ts';
import { render, TEMPLATES, templateKey } from './outbox.service.ts';
import { httpSmsProvider } from './transports.ts';

describe('message templates', () => {
  it.each(TEMPLATES)('"%s" has an SMS text, an e-mail subject and body in every language', (template) => {
    for (const locale of LOCALES) {
      for (const part of ['sms', 'subject', 'email']) {
        expect(
          hasKey(locale, `messages.${templateKey(template)}.${part}`),
          `${locale} messages.${templateKey(template)}.${part}`,
        ).toBe(true);
      }
    }
  });

  it.each(TEMPLATES)('"%s" has a name on the outbox screen in every language', (template) => {
    for (const locale of LOCALES)
      expect(hasKey(locale, `admin.outbox.templates.${template}`), `${locale} admin.outbox.templates.${template}`).toBe(
        true,
      );
  });

  it('fills parameters in the person’s language', () => {
    const sms = render({
      channel: 'sms',
      template: 'sign-in-code',
      locale: 'ar',
      params: { code: '123456', minutes: 10 },
    });
    expect(sms.body).toContain('123456');
    expect(sms.body).toMatch(/[\u0600-\u06FF]/);
    const mail = render({
      channel: 'email',
      template: 'invitation',
      locale: 'en',
      params: { name: 'Ayşe', organisation: 'İBB', inviter: 'Zeynep', link: 'http://x', days: 7 },
    });
    expect(mail.subject).toBe('İBB invited you to Köprü');
  });
});

describe('why a message was not sent', () => {
  const sms = (fetchImpl: typeof fetch) =>
    httpSmsProvider({ url: 'http://sms.invalid/send', token: 'x', sender: 'KOPRU', fetchImpl });
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => '',
      (err: Error) => err.message,
    );

  it('names the SMS provider’s refusal and its silence, as the provider adapter writes them', async () => {
    const refused = await errorOf(
      sms(async () => new Response('', { status: 400 })).send({ to: '+905321000000', text: 'x' }),
    );
    expect(failureReason(refused)).toEqual({ key: 'providerRefused', values: { status: '400' } });
    const down = await errorOf(
      sms(async () => {
        throw new Error('connect ECONNREFUSED');
      }).send({ to: '+905321000000', text: 'x' }),
    );
    expect(failureReason(down)).toEqual({ key: 'providerUnreachable', values: { detail: 'connect ECONNREFUSED' } });
    expect(failureReason('cancelled')?.key).toBe('cancelled');
    expect(failureReason('no sms channel configured')).toEqual({ key: 'noChannel', values: { channel: 'sms' } });
    expect(failureReason('421 4.7.0 Try again later')).toBeNull();
  });

  it.each(OUTBOX_FAILURES)('"%s" has a sentence on the outbox screen in every language', (key) => {
    for (const locale of LOCALES)
      expect(hasKey(locale, `admin.outbox.failures.${key}`), `${locale} admin.outbox.failures.${key}`).toBe(true);
  });
});
