import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../i18n/index.ts';
import { InlineLoader } from '../ui.tsx';
import { directionOf, type Locale } from '../../../common/locales.ts';
import type { ConsentPurpose } from './types.ts';

/**
 * One box per consent purpose, each with the text the person agrees to (catalogue keys pdf.consent.*) in the
 * language the notice was given in. Nothing is ticked in advance: consent is opt-in, purpose by purpose.
 */
export function ConsentChoices({
  purposes,
  value,
  onChange,
  partner,
  onPartner,
  partnerError,
  locale,
  error,
  required = [],
  forPerson = false,
}: {
  purposes: readonly ConsentPurpose[];
  value: ConsentPurpose[];
  onChange: (value: ConsentPurpose[]) => void;
  partner: string;
  onPartner: (value: string) => void;
  partnerError?: React.ReactNode;
  locale: Locale;
  error?: React.ReactNode;
  /** Purposes that must be given for what was entered (Roma self-identification with the Roma group). */
  required?: readonly ConsentPurpose[];
  /** Worded for the person themselves (public form, own profile) rather than for a counsellor. */
  forPerson?: boolean;
}) {
  const { t } = useTranslation();
  // The texts are in the language the notice was given in, which may not be the interface's.
  const ready = useCatalogue(locale);
  if (!ready) return <InlineLoader />;
  const ft = i18next.getFixedT(locale);
  return (
    <Stack gap="sm" role="group" aria-labelledby="consents-label">
      <Text fw={600} id="consents-label">
        {t('consents.choose')}
      </Text>
      <Text size="sm" c="dimmed">
        {forPerson ? t('consents.optionalYou') : t('consents.optional')}
      </Text>
      {purposes.map((p) => {
        const checked = value.includes(p);
        return (
          <Stack key={p} gap={4}>
            <Checkbox
              checked={checked}
              onChange={(e) => onChange(e.currentTarget.checked ? [...value, p] : value.filter((x) => x !== p))}
              label={
                <span lang={locale} dir={directionOf(locale)}>
                  {ft(`pdf.consent.purposes.${p}.title`)}
                  {required.includes(p) ? ` ${t('consents.requiredMark')}` : ''}
                </span>
              }
              description={
                <span lang={locale} dir={directionOf(locale)}>
                  {ft(`pdf.consent.purposes.${p}.body`, { partner: partner || '…' })}
                </span>
              }
              data-testid={`consent-${p}`}
            />
            {p === 'share-with-partners' && checked ? (
              <TextInput
                label={t('consents.partner')}
                description={t('consents.partnerHint')}
                value={partner}
                onChange={(e) => onPartner(e.currentTarget.value)}
                error={partnerError}
                required
                maw={360}
                ms="xl"
              />
            ) : null}
          </Stack>
        );
      })}
      {error ? (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
