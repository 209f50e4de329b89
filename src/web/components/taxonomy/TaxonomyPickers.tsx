import { useMemo, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { ActionIcon, Autocomplete, Badge, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import * as op from '../../../common/contracts/taxonomy.ts';
import { useOp } from '../../api/ops.ts';
import { currentLocale } from '../../i18n/index.ts';

/**
 * Autocomplete on the public taxonomy search (GET /taxonomy/occupations, /taxonomy/skills, and the
 * reference lists of driving licences and certificates), shared by the person and vacancy forms
 * (staff and the employer portal). The typed title is kept; the chosen ISCO-08 unit group goes beside
 * it. A title saved without a code is linked by the server (doubtful links go to the staff review list).
 */

function useOccupationSearch(text: string) {
  const [q] = useDebouncedValue(text.trim(), 250);
  const lang = currentLocale();
  return useOp(
    op.searchOccupations,
    { query: { q, lang, limit: 8 } },
    { enabled: q.length > 0, placeholderData: keepPreviousData, staleTime: 60_000 },
  );
}

/** One occupation: a typed title with the unit group chosen from the search (or none yet). */
export function OccupationInput({
  label,
  description,
  title,
  iscoCode,
  iscoTitle,
  onChange,
  required,
  error,
  testId,
  onEnter,
}: {
  label: string;
  onEnter?: () => void;
  description?: string;
  title: string;
  iscoCode: string | null;
  iscoTitle?: string | null;
  onChange: (title: string, iscoCode: string | null, iscoTitle: string | null) => void;
  required?: boolean;
  error?: React.ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const hits = useOccupationSearch(title);
  const items = hits.data?.items ?? [];
  const data = items.map((h) => ({ value: h.iscoCode, label: `${h.title} (${h.iscoCode})` }));
  return (
    <Stack gap={4}>
      <Autocomplete
        label={label}
        description={description}
        required={required}
        error={error}
        dir="auto"
        maxLength={200}
        value={title}
        data={data}
        filter={({ options }) => options}
        onChange={(value) => {
          // Picking an option hands its value (the code) to onChange first: keep the typed title then.
          const hit = items.find((h) => h.iscoCode === value);
          if (hit) onChange(title || hit.title, hit.iscoCode, hit.title);
          else onChange(value, null, null);
        }}
        placeholder={t('taxonomyPicker.occupationPlaceholder')}
        onKeyDown={(e) => {
          // Enter on a highlighted option picks it (Mantine prevents the default); otherwise it adds the typed title.
          if (e.key === 'Enter' && onEnter && !e.defaultPrevented) {
            e.preventDefault();
            onEnter();
          }
        }}
        data-testid={testId}
      />
      {iscoCode ? (
        <Group gap={4}>
          <Badge variant="light" color="teal.9" data-testid={testId ? `${testId}-code` : undefined}>
            {t('taxonomyPicker.linked', { code: iscoCode, title: iscoTitle ?? '' })}
          </Badge>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            aria-label={t('taxonomyPicker.unlink')}
            onClick={() => onChange(title, null, null)}
          >
            <IconX size={12} aria-hidden />
          </ActionIcon>
        </Group>
      ) : title.trim() ? (
        <Text size="xs" c="dimmed">
          {t('taxonomyPicker.notLinked')}
        </Text>
      ) : null}
    </Stack>
  );
}

export interface CodedTitle {
  title: string;
  iscoCode: string | null;
}

/** Several desired occupations, each a typed title with its unit group. */
export function OccupationsInput({
  label,
  value,
  onChange,
  max = 10,
  testId,
}: {
  label: string;
  value: CodedTitle[];
  onChange: (next: CodedTitle[]) => void;
  max?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CodedTitle>({ title: '', iscoCode: null });
  const [titles, setTitles] = useState<Record<string, string>>({});
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {value.length ? (
        <Group gap={6}>
          {value.map((o, i) => (
            <Badge
              key={`${o.title}-${i}`}
              variant="outline"
              color={o.iscoCode ? 'teal.9' : 'gray.8'}
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  color="gray"
                  aria-label={t('taxonomyPicker.remove', { title: o.title })}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                >
                  <IconX size={10} aria-hidden />
                </ActionIcon>
              }
            >
              <bdi>{o.title}</bdi>
              {o.iscoCode ? ` · ${o.iscoCode}${titles[o.iscoCode] ? ` ${titles[o.iscoCode]}` : ''}` : ''}
            </Badge>
          ))}
        </Group>
      ) : null}
      {value.length < max ? (
        <OccupationInput
          label={t('taxonomyPicker.addOccupation')}
          title={draft.title}
          iscoCode={draft.iscoCode}
          onChange={(title, iscoCode, iscoTitle) => {
            if (iscoCode && iscoTitle) {
              // A pick from the list adds the occupation at once.
              setTitles((m) => ({ ...m, [iscoCode]: iscoTitle }));
              onChange([...value, { title: title.trim() || iscoTitle, iscoCode }]);
              setDraft({ title: '', iscoCode: null });
            } else setDraft({ title, iscoCode });
          }}
          testId={testId}
          onEnter={() => {
            if (!draft.title.trim()) return;
            onChange([...value, { title: draft.title.trim(), iscoCode: null }]);
            setDraft({ title: '', iscoCode: null });
          }}
        />
      ) : null}
      {draft.title.trim() ? (
        <Text
          size="xs"
          c="blue.8"
          style={{ cursor: 'pointer' }}
          role="button"
          tabIndex={0}
          onClick={() => {
            onChange([...value, { title: draft.title.trim(), iscoCode: null }]);
            setDraft({ title: '', iscoCode: null });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              onChange([...value, { title: draft.title.trim(), iscoCode: null }]);
              setDraft({ title: '', iscoCode: null });
            }
          }}
        >
          {t('taxonomyPicker.addTyped', { title: draft.title.trim() })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Skills as taxonomy ids, searched in any language. */
export function SkillsInput({
  label,
  value,
  onChange,
  max = 30,
  testId,
}: {
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  max?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const lang = currentLocale();
  const hits = useOp(
    op.searchSkills,
    { query: { q, lang, limit: 10 } },
    { enabled: q.length > 0, placeholderData: keepPreviousData, staleTime: 60_000 },
  );
  const data = useMemo(() => {
    const map = new Map<string, string>();
    for (const id of value) map.set(id, known[id] ?? id);
    for (const h of hits.data?.items ?? []) map.set(h.id, h.title);
    return [...map].map(([v, l]) => ({ value: v, label: l }));
  }, [value, known, hits.data]);
  return (
    <MultiSelect
      label={label}
      searchable
      clearable
      maxValues={max}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={({ options }) => options}
      value={value}
      onChange={(ids) => {
        const titles = Object.fromEntries(data.map((d) => [d.value, d.label]));
        setKnown((k) => ({ ...k, ...titles }));
        onChange(ids);
      }}
      placeholder={t('taxonomyPicker.skillsPlaceholder')}
      nothingFoundMessage={q ? t('taxonomyPicker.noResults') : undefined}
      data-testid={testId}
    />
  );
}

/** Driving licence classes or certificates from the reference lists. */
export function QualificationsSelect({
  list,
  label,
  value,
  onChange,
  testId,
}: {
  list: 'driving-licences' | 'certificates';
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  testId?: string;
}) {
  const lang = currentLocale();
  const items = useOp(op.referenceLists[list], { query: { lang } }, { staleTime: 10 * 60_000 });
  return (
    <MultiSelect
      label={label}
      searchable
      clearable
      data={(items.data?.items ?? []).map((i) => ({
        value: i.code,
        label: list === 'driving-licences' ? `${i.code} — ${i.title}` : i.title,
      }))}
      value={value}
      onChange={onChange}
      data-testid={testId}
    />
  );
}
