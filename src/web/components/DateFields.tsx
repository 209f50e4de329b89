/**
 * Date, time and date-and-time fields in the app's language (issue 14). A native <input type="date">
 * follows the browser: mm/dd/yyyy and AM/PM on an English-language browser, whatever the app's language.
 * These fields are typed as people in Türkiye write (05.03.2026, 14:30; Arabic 05/03/2026) or picked
 * from a calendar whose months and weekdays are in the app's language, Monday first. Their values are
 * those of the native inputs (YYYY-MM-DD, HH:mm, YYYY-MM-DDTHH:mm in Türkiye time), so they drop into
 * `form.getInputProps(…)` in place of `<TextInput type="date">`. ESLint refuses the native types.
 */
import {
  ActionIcon,
  Group,
  Input,
  Popover,
  Select,
  Text,
  TextInput,
  UnstyledButton,
  type TextInputProps,
} from '@mantine/core';
import { IconCalendar, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addDaysIso, addMonthsIso, isoToDateText, monthGrid, parseDateText, parseTimeText } from './dateInput.ts';
import { intlLocale, turkiyeToday } from './format.ts';

type Base = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'defaultValue'>;

export interface DateFieldProps extends Base {
  value?: string;
  onChange?: (value: string) => void;
  /** The earliest and latest dates the calendar offers (YYYY-MM-DD); the server keeps the rule. */
  min?: string;
  max?: string;
  /**
   * A list filter: a date not yet finished filters nothing (the value stays empty), instead of being
   * sent as typed for the form to refuse.
   */
  filter?: boolean;
}

/**
 * Keeps what the person typed while it is not yet a date, and the form's value in the native format.
 * A finished date is sent as YYYY-MM-DD; something that is not a date is sent as typed, so that the
 * form (or the server's problem) names the field instead of the value silently becoming empty.
 */
function useTypedValue(
  value: string,
  onChange: ((v: string) => void) | undefined,
  parse: (s: string) => string | null,
  show: (v: string) => string,
  emptyUntilValid = false,
) {
  const { i18n } = useTranslation();
  const [text, setText] = useState(() => (value ? show(value) : ''));
  // The value and language the text was last written for: when the form sets another value (a reset,
  // a default) or the language changes, the text is rewritten during render (no effect, no flash).
  const [known, setKnown] = useState({ value, language: i18n.language });
  if (known.value !== value) {
    setKnown({ value, language: i18n.language });
    if (parse(text) !== value && text !== value) setText(value ? show(value) : '');
  } else if (known.language !== i18n.language) {
    setKnown({ value, language: i18n.language });
    const parsed = parse(text);
    if (parsed) setText(show(parsed));
  }
  const change = (next: string) => {
    setText(next);
    const parsed = parse(next);
    const out = next.trim() === '' ? '' : (parsed ?? (emptyUntilValid ? '' : next));
    setKnown({ value: out, language: i18n.language });
    onChange?.(out);
  };
  const tidy = () => {
    const parsed = parse(text);
    if (parsed) setText(show(parsed));
  };
  return { text, change, tidy, setFromPicker: (v: string) => change(show(v)) };
}

export function DateField({
  value = '',
  onChange,
  min,
  max,
  filter,
  onBlur,
  error,
  description,
  ...rest
}: DateFieldProps) {
  const { t } = useTranslation();
  const { text, change, tidy, setFromPicker } = useTypedValue(
    value,
    onChange,
    parseDateText,
    (v) => isoToDateText(v),
    filter,
  );
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const example = isoToDateText('2026-12-31');
  const parsed = parseDateText(text);
  let own: string | null = null;
  if (touched && text.trim() !== '') {
    if (!parsed) own = t('dateField.invalid', { example });
    else if (min && parsed < min) own = t('dateField.tooEarly', { date: isoToDateText(min) });
    else if (max && parsed > max) own = t('dateField.tooLate', { date: isoToDateText(max) });
  }
  return (
    <TextInput
      {...rest}
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={(e) => {
        tidy();
        setTouched(true);
        onBlur?.(e);
      }}
      inputMode="numeric"
      placeholder={rest.placeholder ?? t('dateField.placeholder')}
      description={description ?? undefined}
      error={error || own}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover opened={open} onChange={setOpen} position="bottom-end" trapFocus returnFocus withinPortal shadow="md">
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('dateField.openCalendar')}
              aria-expanded={open}
              disabled={rest.disabled || rest.readOnly}
              onClick={() => setOpen((o) => !o)}
            >
              <IconCalendar size={18} aria-hidden />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <Calendar
              selected={parsed}
              min={min}
              max={max}
              onPick={(v) => {
                setFromPicker(v);
                setTouched(true);
                setOpen(false);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

export interface TimeFieldProps extends Base {
  value?: string;
  onChange?: (value: string) => void;
}

/** A time of day on a 24-hour clock (14:30), typed; 9, 930 and 9.30 are read as 09:00, 09:30, 09:30. */
export function TimeField({ value = '', onChange, onBlur, error, ...rest }: TimeFieldProps) {
  const { t } = useTranslation();
  const { text, change, tidy } = useTypedValue(value, onChange, parseTimeText, (v) => v);
  const [touched, setTouched] = useState(false);
  const own = touched && text.trim() !== '' && !parseTimeText(text) ? t('dateField.invalidTime') : null;
  return (
    <TextInput
      {...rest}
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={(e) => {
        tidy();
        setTouched(true);
        onBlur?.(e);
      }}
      inputMode="numeric"
      placeholder={rest.placeholder ?? t('dateField.timePlaceholder')}
      error={error || own}
    />
  );
}

export interface DateTimeFieldProps {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  /** YYYY-MM-DDTHH:mm in Türkiye time, as a native datetime-local input would give. */
  value?: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  onFocus?: () => void;
  min?: string;
  max?: string;
  'data-testid'?: string;
}

/**
 * A date and a time in Türkiye time, as two fields under one label. The value is set only when both
 * parts are complete; until then it is empty and the part that is not yet right says so.
 */
export function DateTimeField({
  label,
  description,
  error,
  required,
  disabled,
  readOnly,
  value = '',
  onChange,
  onBlur,
  min,
  max,
  'data-testid': testId,
}: DateTimeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [date, setDate] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  const [known, setKnown] = useState(value);
  if (known !== value) {
    setKnown(value);
    if (value !== '' || (date !== '' && time !== '' && `${date}T${time}` === known)) {
      setDate(value.slice(0, 10));
      setTime(value.slice(11, 16));
    }
  }
  const emit = (d: string, tm: string) => {
    const complete = /^\d{4}-\d{2}-\d{2}$/.test(d) && /^\d{2}:\d{2}$/.test(tm);
    const out = complete ? `${d}T${tm}` : '';
    setKnown(out);
    onChange?.(out);
  };
  const labelText = typeof label === 'string' ? label : '';
  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={description}
      error={error}
      required={required}
      labelElement="div"
      data-testid={testId}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap" mt={4}>
        <DateField
          aria-label={t('dateField.datePart', { label: labelText })}
          value={date}
          min={min?.slice(0, 10)}
          max={max?.slice(0, 10)}
          disabled={disabled}
          readOnly={readOnly}
          required={required}
          onChange={(d) => {
            setDate(d);
            emit(d, time);
          }}
          onBlur={() => onBlur?.()}
          style={{ flex: 3 }}
          data-testid={testId ? `${testId}-date` : undefined}
        />
        <TimeField
          aria-label={t('dateField.timePart', { label: labelText })}
          value={time}
          disabled={disabled}
          readOnly={readOnly}
          required={required}
          onChange={(tm) => {
            setTime(tm);
            emit(date, tm);
          }}
          onBlur={() => onBlur?.()}
          style={{ flex: 2 }}
          data-testid={testId ? `${testId}-time` : undefined}
        />
      </Group>
    </Input.Wrapper>
  );
}

export interface MonthFieldProps {
  label?: ReactNode;
  'aria-label'?: string;
  'data-testid'?: string;
  /** YYYY-MM, as a native month input would give. */
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  /** The first month offered (YYYY-MM); the last is twelve months after this one in Türkiye. */
  first?: string;
  w?: number | string;
}

/** A month and year, picked from a list named in the app's language ("Mart 2026"), newest first, searchable. */
export function MonthField({
  label,
  value,
  onChange,
  error,
  first = '2015-01',
  w,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: MonthFieldProps) {
  const locale = intlLocale();
  const name = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const last = addMonthsIso(`${turkiyeToday().slice(0, 7)}-01`, 12).slice(0, 7);
  const options: { value: string; label: string }[] = [];
  for (let m = `${last}-01`; m.slice(0, 7) >= first; m = addMonthsIso(m, -1)) {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    options.push({ value: m.slice(0, 7), label: name.format(new Date(Date.UTC(y, mo - 1, 15))) });
  }
  return (
    <Select
      label={label}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
      searchable
      w={w}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}

/** A month of days to pick from, moved through with the keyboard as the WAI-ARIA date picker dialog pattern. */
function Calendar({
  selected,
  min,
  max,
  onPick,
}: {
  selected: string | null;
  min?: string;
  max?: string;
  onPick: (iso: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const today = turkiyeToday();
  const [focus, setFocus] = useState(selected ?? today);
  const grid = useRef<HTMLTableElement>(null);
  const [year, month] = focus.split('-').map(Number) as [number, number];
  const locale = intlLocale();
  const monthTitle = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));
  const rtl = i18n.dir() === 'rtl';
  const outside = (d: string) => (min !== undefined && d < min) || (max !== undefined && d > max);
  const titleId = useId();

  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focus}"]`)?.focus();
  }, [focus]);

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDaysIso(focus, rtl ? 1 : -1),
      ArrowRight: () => addDaysIso(focus, rtl ? -1 : 1),
      ArrowUp: () => addDaysIso(focus, -7),
      ArrowDown: () => addDaysIso(focus, 7),
      PageUp: () => addMonthsIso(focus, e.shiftKey ? -12 : -1),
      PageDown: () => addMonthsIso(focus, e.shiftKey ? 12 : 1),
      Home: () => addDaysIso(focus, -((new Date(`${focus}T00:00:00Z`).getUTCDay() + 6) % 7)),
      End: () => addDaysIso(focus, 6 - ((new Date(`${focus}T00:00:00Z`).getUTCDay() + 6) % 7)),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setFocus(move());
    }
  };

  return (
    <div>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          aria-label={t('dateField.previousMonth')}
          onClick={() => setFocus(addMonthsIso(focus, -1))}
        >
          {rtl ? <IconChevronRight size={18} aria-hidden /> : <IconChevronLeft size={18} aria-hidden />}
        </ActionIcon>
        <Text fw={600} id={titleId} aria-live="polite">
          {monthTitle}
        </Text>
        <ActionIcon
          variant="subtle"
          aria-label={t('dateField.nextMonth')}
          onClick={() => setFocus(addMonthsIso(focus, 1))}
        >
          {rtl ? <IconChevronLeft size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
        </ActionIcon>
      </Group>
      <table role="grid" aria-labelledby={titleId} ref={grid} onKeyDown={onKey} style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d.toISOString()} scope="col" abbr={weekdayLong.format(d)} style={{ padding: 2 }}>
                <Text size="xs" c="dimmed" ta="center">
                  {weekday.format(d)}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((week, i) => (
            <tr key={i}>
              {week.map((d, j) => (
                <td key={d ?? `e${j}`} style={{ padding: 1 }}>
                  {d && (
                    <UnstyledButton
                      data-date={d}
                      tabIndex={d === focus ? 0 : -1}
                      aria-label={full.format(new Date(`${d}T00:00:00Z`))}
                      aria-pressed={d === selected}
                      aria-current={d === today ? 'date' : undefined}
                      disabled={outside(d)}
                      onClick={() => onPick(d)}
                      onFocus={() => d !== focus && setFocus(d)}
                      style={{
                        width: 36,
                        height: 36,
                        borderRadius: 4,
                        textAlign: 'center',
                        opacity: outside(d) ? 0.4 : 1,
                        background: d === selected ? 'var(--mantine-color-blue-filled)' : undefined,
                        color: d === selected ? 'var(--mantine-color-white)' : undefined,
                        outline:
                          d === today && d !== selected ? '1px solid var(--mantine-color-blue-filled)' : undefined,
                        fontWeight: d === today ? 700 : undefined,
                      }}
                    >
                      {Number(d.slice(8))}
                    </UnstyledButton>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
