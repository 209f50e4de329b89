import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../common/locales.ts';
import { callOp } from '../api/ops.ts';
import { ME_KEY, useMe } from '../api/session.ts';
import { updatePreferences } from '../../common/contracts/identity.ts';
import { applyLocale, currentLocale, LANGUAGE_NAMES, markChosenBeforeSignIn, rememberLocale } from '../i18n/index.ts';
import { notifyProblem } from './problems.tsx';

/**
 * Türkçe / English / العربية. Before sign-in the choice is kept on this browser; once signed in it is
 * saved to the account (PATCH /me/preferences) and every cached read is fetched again in it.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const client = useQueryClient();
  const active = currentLocale();

  async function choose(locale: Locale) {
    if (locale === active) return;
    rememberLocale(locale);
    if (me && me.stage === 'active') {
      try {
        const updated = await callOp(updatePreferences, { body: { locale } });
        await applyLocale(locale);
        client.setQueryData(ME_KEY, updated);
        // What the server words in the account's language (match explanations, kept referral matches,
        // generated labels) is read again: the page on screen would otherwise keep the old language.
        await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      } catch (err) {
        notifyProblem(err);
      }
      return;
    }
    markChosenBeforeSignIn(true);
    await applyLocale(locale);
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={`${t('common.language')}: ${LANGUAGE_NAMES[active]}`}
          data-testid="language-switch"
          px={compact ? 'xs' : undefined}
        >
          <span lang={active}>{LANGUAGE_NAMES[active]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('common.language')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            dir={locale === 'ar' ? 'rtl' : 'ltr'}
            onClick={() => void choose(locale)}
            rightSection={locale === active ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={locale === active ? 'true' : undefined}
          >
            {LANGUAGE_NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
