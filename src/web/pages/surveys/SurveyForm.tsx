import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problems.tsx';
import { isLocale, type Locale } from '../../../common/locales.ts';
import {
  textIn,
  validateResponse,
  visibleQuestions,
  type Answers,
  type AnswerValue,
  type SurveyQuestion,
} from '../../../common/surveys.ts';
import type { Question } from '../../../common/contracts/surveys.ts';
import { DateField } from '../../components/DateFields.tsx';

export const surveyPaths = {
  list: '/surveys',
  create: '/surveys/new',
  survey: (id: string) => `/surveys/${id}`,
  edit: (id: string) => `/surveys/${id}/edit`,
  results: (id: string) => `/surveys/${id}/results`,
  respond: (id: string) => `/surveys/${id}/respond`,
  publicLink: (token: string) => `/s/${token}`,
};

export const useLocale = (): Locale => {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'tr';
};

/** Questions as the contract sends them, as the shared rules take them. */
export const asQuestions = (qs: readonly Question[]) => qs as unknown as SurveyQuestion[];

function QuestionInput({
  q,
  value,
  error,
  onChange,
}: {
  q: SurveyQuestion;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange: (v: AnswerValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = textIn(q.text, locale);
  const common = { label, required: q.required, error, 'data-testid': `question-${q.key}` };
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group {...common} value={typeof value === 'string' ? value : null} onChange={(v) => onChange(v)}>
          <Stack gap={6} mt={6}>
            {(q.options ?? []).map((o) => (
              <Radio
                key={o.value}
                value={o.value}
                label={textIn(o.label, locale)}
                data-testid={`option-${q.key}-${o.value}`}
              />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group
          {...common}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v.length > 0 ? v : undefined)}
        >
          <Stack gap={6} mt={6}>
            {(q.options ?? []).map((o) => (
              <Checkbox
                key={o.value}
                value={o.value}
                label={textIn(o.label, locale)}
                data-testid={`option-${q.key}-${o.value}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'scale': {
      const points = Array.from({ length: (q.max ?? 5) - (q.min ?? 1) + 1 }, (_, i) => String((q.min ?? 1) + i));
      return (
        <Radio.Group
          {...common}
          value={typeof value === 'number' ? String(value) : null}
          onChange={(v) => onChange(Number(v))}
          description={
            q.minLabel || q.maxLabel
              ? `${points[0]}: ${textIn(q.minLabel, locale)} · ${points.at(-1)}: ${textIn(q.maxLabel, locale)}`
              : undefined
          }
        >
          <Group gap="md" mt={6}>
            {points.map((p) => (
              <Radio key={p} value={p} label={p} data-testid={`option-${q.key}-${p}`} />
            ))}
          </Group>
        </Radio.Group>
      );
    }
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          min={q.min ?? undefined}
          max={q.max ?? undefined}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
          maw={200}
        />
      );
    case 'date':
      return (
        <DateField
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v || undefined)}
          maw={220}
        />
      );
    case 'text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
        />
      );
    case 'district':
      return (
        <Select
          {...common}
          searchable
          clearable
          placeholder={t('surveys.form.chooseDistrict')}
          data={q.districts ?? []}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          maw={320}
        />
      );
  }
}

/**
 * A survey's questions for a respondent or an interviewer: skip logic shows and hides questions as the
 * answers change (hidden answers are dropped), the shared rules check the answers before sending, and the
 * server's problem (the same rules) shows under the questions it points at.
 */
export function SurveyAnswerForm({
  questions,
  busy,
  problem,
  onSubmit,
  submitLabel,
}: {
  questions: readonly Question[];
  busy: boolean;
  problem: Problem | null;
  onSubmit: (answers: Answers, specialConsent: boolean) => void;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const qs = useMemo(() => asQuestions(questions), [questions]);
  const [answers, setAnswers] = useState<Answers>({});
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = visibleQuestions(qs, answers);
  const visible = qs.filter((q) => shown.has(q.key));
  const hasSpecial = visible.some((q) => q.special);
  const serverErrors: Record<string, string> = {};
  for (const e of problem?.errors ?? [])
    serverErrors[e.pointer.replace(/^\/answers\//, '').replace(/^\//, '')] = e.message;

  const set = (key: string, v: AnswerValue | undefined) =>
    setAnswers((prev) => {
      const next = { ...prev };
      if (v === undefined) delete next[key];
      else next[key] = v;
      // Answers to questions that skip logic now hides are dropped (the server refuses them).
      const still = visibleQuestions(qs, next);
      for (const k of Object.keys(next)) if (!still.has(k)) delete next[k];
      return next;
    });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = validateResponse(qs, answers, consent);
        const byKey: Record<string, string> = {};
        for (const p of found)
          byKey[p.pointer.replace(/^\/answers\//, '').replace(/^\//, '')] = t(p.code, p.params ?? {});
        setErrors(byKey);
        if (found.length === 0) onSubmit(answers, consent);
      }}
    >
      <Stack gap="lg">
        {visible.map((q) => (
          <QuestionInput
            key={q.key}
            q={q}
            value={answers[q.key]}
            error={errors[q.key] ?? serverErrors[q.key]}
            onChange={(v) => set(q.key, v)}
          />
        ))}
        {hasSpecial ? (
          <Alert color="blue" variant="light" title={t('surveys.form.specialTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('surveys.form.specialText')}</Text>
              <Checkbox
                checked={consent}
                onChange={(e) => setConsent(e.currentTarget.checked)}
                label={t('surveys.form.specialConsent')}
                error={errors.specialConsent ?? serverErrors.specialConsent}
                data-testid="special-consent"
              />
            </Stack>
          </Alert>
        ) : null}
        <ProblemAlert problem={problem} />
        <Group>
          <Button type="submit" loading={busy} data-testid="submit-response">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
