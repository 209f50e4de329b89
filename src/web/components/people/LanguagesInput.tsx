import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CEFR_LEVELS } from '../../../common/people.ts';
import { languageName } from './format.ts';
import { languageOptions } from './reference.ts';
import type { Language } from './types.ts';

/** Languages with CEFR levels (or "native"), one row each. */
export function LanguagesInput({
  value,
  onChange,
  error,
  own = false,
}: {
  /** The person gives their own languages (public registration, own profile): "languages you speak". */
  own?: boolean;
  value: Language[];
  onChange: (value: Language[]) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const options = languageOptions();
  const levels = CEFR_LEVELS.map((l) => ({ value: l, label: t(`pdf.cv.levels.${l}`) }));
  function update(index: number, patch: Partial<Language>) {
    onChange(value.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  }
  return (
    <Stack gap="xs" role="group" aria-labelledby="languages-label">
      <Text size="sm" fw={500} id="languages-label">
        {own ? t('selfService.fields.languages') : t('persons.fields.languages')}
      </Text>
      {value.map((lang, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={t('persons.fields.language')}
            data={options.filter((o) => o.value === lang.code || !value.some((l) => l.code === o.value))}
            value={lang.code || null}
            onChange={(v) => update(index, { code: v ?? '' })}
            searchable
            nothingFoundMessage={t('common.noOptions')}
            style={{ flex: 2 }}
            data-testid={`language-${index}`}
          />
          <Select
            label={t('persons.fields.languageLevel')}
            data={levels}
            value={lang.level || null}
            onChange={(v) => update(index, { level: v ?? '' })}
            allowDeselect={false}
            style={{ flex: 1 }}
            miw={120}
            data-testid={`language-level-${index}`}
          />
          <ActionIcon
            variant="subtle"
            color="red.8"
            size="lg"
            mb={2}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
            aria-label={t('persons.removeLanguage', { language: lang.code ? languageName(lang.code) : '' })}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {error ? (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onChange([...value, { code: '', level: 'A1' }])}
          disabled={value.length >= 10}
          data-testid="language-add"
        >
          {t('persons.addLanguage')}
        </Button>
      </Group>
    </Stack>
  );
}
