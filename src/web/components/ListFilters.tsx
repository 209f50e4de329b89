import { Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Wraps the setters of a list's filters so that changing a filter also goes back to the first page:
 * `const filter = backToFirstPage(setPage)`, then `onChange={filter(setStatus)}`.
 */
export function backToFirstPage(setPage: (page: number) => void) {
  return <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };
}

/** The search box of a list's filters (the words as typed; the page debounces them). */
export function SearchFilter({
  placeholder,
  value,
  onChange,
  width = 280,
}: {
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('common.search')}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={{ base: '100%', sm: width }}
    />
  );
}

/** One value of a closed list, or all of them (cleared, "All"). */
export function ChoiceFilter<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: T; label: string }[];
  value: T | null;
  onChange: (value: T | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select<T>
      label={label}
      data={options}
      value={value}
      onChange={(v) => onChange(v)}
      clearable
      placeholder={t('common.all')}
      w={{ base: '100%', sm: 200 }}
    />
  );
}

/** The options of a `ChoiceFilter`: each value with its label (`choicesOf(KINDS, (k) => t(`kinds.${k}`))`). */
export function choicesOf<T extends string>(values: readonly T[], label: (value: T) => string) {
  return values.map((value) => ({ value, label: label(value) }));
}
