import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../common/contact.ts';

export type Strength = 'empty' | 'short' | 'weak' | 'fair' | 'strong';

/** A rough guide: length counts most; mixing kinds of characters and avoiding repeats help. */
export function passwordStrength(password: string): Strength {
  if (!password) return 'empty';
  if (password.length < PASSWORD_MIN_LENGTH) return 'short';
  const kinds = [/[a-zçğıöşü]/, /[A-ZÇĞİÖŞÜ]/, /\d/, /[^\p{L}\d]/u].filter((re) => re.test(password)).length;
  const distinct = new Set(password).size;
  if (distinct < 6 || /^(.)\1+$/.test(password)) return 'weak';
  let score = kinds;
  if (password.length >= 16) score += 1;
  if (password.length >= 20) score += 1;
  if (score >= 4) return 'strong';
  if (score >= 2) return 'fair';
  return 'weak';
}

const LEVEL: Record<Strength, { value: number; color: string }> = {
  empty: { value: 0, color: 'gray' },
  short: { value: 20, color: 'red.8' },
  weak: { value: 40, color: 'orange.8' },
  fair: { value: 70, color: 'yellow.8' },
  strong: { value: 100, color: 'teal.8' },
};

export function PasswordStrength({ password, id }: { password: string; id?: string }) {
  const { t } = useTranslation();
  const strength = passwordStrength(password);
  const level = LEVEL[strength];
  return (
    <Stack gap={4} id={id}>
      <Progress value={level.value} color={level.color} size="sm" aria-hidden />
      <Text size="sm" c="dimmed" aria-live="polite">
        {strength === 'short'
          ? t('password.short', { length: password.length, min: PASSWORD_MIN_LENGTH })
          : t(`password.${strength}`, { min: PASSWORD_MIN_LENGTH })}
      </Text>
    </Stack>
  );
}
