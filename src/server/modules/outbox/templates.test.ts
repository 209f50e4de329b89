import { describe, expect, it } from 'vitest';
import { hasKey } from '../../lib/i18n.ts';
import { LOCALES } from '../../../common/locales.ts';
import { render, TEMPLATES, templateKey } from './outbox.service.ts';

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
