import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { toProblem, useFormProblem, ProblemAlert } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import {
  CONDITION_OPERATORS,
  QUESTION_TYPES,
  type ConditionOperator,
  type QuestionType,
} from '../../../common/surveys.ts';
import {
  createSurvey,
  getSurvey,
  saveDraft,
  type Question,
  type QuestionInput,
  type SurveyCreate,
} from '../../../common/contracts/surveys.ts';
import { surveyPaths } from './SurveyForm.tsx';

type Texts = { tr: string; en: string; ar: string };
const blank = (): Texts => ({ tr: '', en: '', ar: '' });

interface Draft {
  key: string;
  type: QuestionType;
  text: Texts;
  required: boolean;
  special: boolean;
  options: { value: string; label: Texts }[];
  min: number | null;
  max: number | null;
  minLabel: Texts;
  maxLabel: Texts;
  province: string;
  showIf: { question: string; op: ConditionOperator; value: string } | null;
}

const newQuestion = (n: number): Draft => ({
  key: `q${n}`,
  type: 'single',
  text: blank(),
  required: false,
  special: false,
  options: [
    { value: 'yes', label: blank() },
    { value: 'no', label: blank() },
  ],
  min: null,
  max: null,
  minLabel: blank(),
  maxLabel: blank(),
  province: 'İstanbul',
  showIf: null,
});

function fromQuestion(q: Question): Draft {
  return {
    key: q.key,
    type: q.type,
    text: q.text,
    required: q.required,
    special: q.special,
    options: q.options ?? [],
    min: q.min,
    max: q.max,
    minLabel: q.minLabel ?? blank(),
    maxLabel: q.maxLabel ?? blank(),
    province: q.province ?? 'İstanbul',
    showIf: q.showIf ? { question: q.showIf.question, op: q.showIf.op, value: String(q.showIf.value ?? '') } : null,
  };
}

function toInput(d: Draft, all: Draft[]): QuestionInput {
  const source = d.showIf ? all.find((q) => q.key === d.showIf!.question) : undefined;
  const numeric = source && (source.type === 'number' || source.type === 'scale');
  const choice = d.type === 'single' || d.type === 'multiple';
  const labelled = (x: Texts) => (x.tr ? x : null);
  return {
    key: d.key,
    type: d.type,
    text: d.text,
    required: d.required,
    special: d.special,
    ...(choice ? { options: d.options } : {}),
    ...(d.type === 'number' || d.type === 'scale' ? { min: d.min, max: d.max } : {}),
    ...(d.type === 'scale' ? { minLabel: labelled(d.minLabel), maxLabel: labelled(d.maxLabel) } : {}),
    ...(d.type === 'district' ? { province: d.province } : {}),
    showIf: d.showIf
      ? {
          question: d.showIf.question,
          op: d.showIf.op,
          value: d.showIf.op === 'answered' ? null : numeric ? Number(d.showIf.value) : d.showIf.value,
        }
      : null,
  };
}

function TextsFields({
  legend,
  value,
  onChange,
  testId,
}: {
  legend: string;
  value: Texts;
  onChange: (v: Texts) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
      {(['tr', 'en', 'ar'] as const).map((l) => (
        <TextInput
          key={l}
          label={`${legend} (${t(`surveys.languages.${l}`)})`}
          required={l === 'tr'}
          dir={l === 'ar' ? 'rtl' : 'ltr'}
          lang={l}
          value={value[l]}
          onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
          data-testid={testId ? `${testId}-${l}` : undefined}
        />
      ))}
    </SimpleGrid>
  );
}

function QuestionCard({
  d,
  index,
  all,
  onChange,
  onRemove,
  onMove,
}: {
  d: Draft;
  index: number;
  all: Draft[];
  onChange: (d: Draft) => void;
  onRemove: () => void;
  onMove: (by: number) => void;
}) {
  const { t } = useTranslation();
  const earlier = all.slice(0, index).filter((q) => !q.special);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => onChange({ ...d, [k]: v });
  return (
    <Fieldset legend={t('surveys.builder.questionN', { n: index + 1 })} data-testid={`builder-question-${index}`}>
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('surveys.builder.key')}
            value={d.key}
            onChange={(e) => set('key', e.currentTarget.value)}
            w={160}
            dir="ltr"
          />
          <Select
            label={t('surveys.builder.type')}
            data={QUESTION_TYPES.map((type) => ({ value: type, label: t(`surveys.types.${type}`) }))}
            value={d.type}
            onChange={(v) => v && set('type', v)}
            allowDeselect={false}
            w={200}
          />
          <Switch
            label={t('surveys.fields.required')}
            checked={d.required}
            onChange={(e) => set('required', e.currentTarget.checked)}
          />
          <Switch
            label={t('surveys.builder.special')}
            checked={d.special}
            onChange={(e) => set('special', e.currentTarget.checked)}
          />
          <Group gap={4} ms="auto">
            <ActionIcon
              variant="default"
              onClick={() => onMove(-1)}
              disabled={index === 0}
              aria-label={t('surveys.builder.up')}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              onClick={() => onMove(1)}
              disabled={index === all.length - 1}
              aria-label={t('surveys.builder.down')}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="default" color="red" onClick={onRemove} aria-label={t('surveys.builder.remove')}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        {d.special ? (
          <Text size="xs" c="dimmed">
            {t('surveys.builder.specialText')}
          </Text>
        ) : null}
        <TextsFields legend={t('surveys.builder.text')} value={d.text} onChange={(v) => set('text', v)} />
        {d.type === 'single' || d.type === 'multiple' ? (
          <Stack gap="xs">
            {d.options.map((o, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('surveys.builder.optionValue')}
                  value={o.value}
                  dir="ltr"
                  w={120}
                  onChange={(e) =>
                    set(
                      'options',
                      d.options.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)),
                    )
                  }
                />
                <div style={{ flex: 1 }}>
                  <TextsFields
                    legend={t('surveys.builder.optionLabel')}
                    value={o.label}
                    onChange={(v) =>
                      set(
                        'options',
                        d.options.map((x, j) => (j === i ? { ...x, label: v } : x)),
                      )
                    }
                  />
                </div>
                <ActionIcon
                  variant="default"
                  onClick={() =>
                    set(
                      'options',
                      d.options.filter((_, j) => j !== i),
                    )
                  }
                  aria-label={t('surveys.builder.removeOption')}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={() => set('options', [...d.options, { value: `o${d.options.length + 1}`, label: blank() }])}
              >
                {t('surveys.builder.addOption')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {d.type === 'number' || d.type === 'scale' ? (
          <Group>
            <NumberInput
              label={t('surveys.builder.min')}
              value={d.min ?? ''}
              onChange={(v) => set('min', typeof v === 'number' ? v : null)}
              w={140}
            />
            <NumberInput
              label={t('surveys.builder.max')}
              value={d.max ?? ''}
              onChange={(v) => set('max', typeof v === 'number' ? v : null)}
              w={140}
            />
          </Group>
        ) : null}
        {d.type === 'scale' ? (
          <>
            <TextsFields
              legend={t('surveys.builder.minLabel')}
              value={d.minLabel}
              onChange={(v) => set('minLabel', v)}
            />
            <TextsFields
              legend={t('surveys.builder.maxLabel')}
              value={d.maxLabel}
              onChange={(v) => set('maxLabel', v)}
            />
          </>
        ) : null}
        {d.type === 'district' ? (
          <TextInput
            label={t('surveys.builder.province')}
            value={d.province}
            onChange={(e) => set('province', e.currentTarget.value)}
            w={240}
          />
        ) : null}
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('surveys.builder.showIf')}
            placeholder={t('surveys.builder.always')}
            clearable
            data={earlier.map((q) => ({ value: q.key, label: `${q.key} — ${q.text.tr}` }))}
            value={d.showIf?.question ?? null}
            onChange={(v) =>
              set('showIf', v ? { question: v, op: d.showIf?.op ?? 'is', value: d.showIf?.value ?? '' } : null)
            }
            w={280}
          />
          {d.showIf ? (
            <>
              <Select
                label={t('surveys.builder.operator')}
                data={CONDITION_OPERATORS.map((op) => ({ value: op, label: t(`surveys.operators.${op}`) }))}
                value={d.showIf.op}
                onChange={(v) => v && set('showIf', { ...d.showIf!, op: v })}
                allowDeselect={false}
                w={200}
              />
              {d.showIf.op !== 'answered' ? (
                <TextInput
                  label={t('surveys.builder.value')}
                  value={d.showIf.value}
                  dir="ltr"
                  onChange={(e) => set('showIf', { ...d.showIf!, value: e.currentTarget.value })}
                  w={160}
                />
              ) : null}
            </>
          ) : null}
        </Group>
      </Stack>
    </Fieldset>
  );
}

function Builder({
  id,
  initial,
}: {
  id: string | null;
  initial: { title: Texts; description: Texts; questions: Draft[] };
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [questions, setQuestions] = useState<Draft[]>(initial.questions);
  const { problem, handle, clear } = useFormProblem();
  const create = useOpMutation(createSurvey, { invalidates: ['/surveys'] });
  const save = useOpMutation(saveDraft, { invalidates: ['/surveys'] });
  const busy = create.isPending || save.isPending;

  const submit = () => {
    clear();
    const body: SurveyCreate = {
      title,
      description: description.tr ? description : null,
      questions: questions.map((q) => toInput(q, questions)),
    };
    const done = (s: { id: string }) => void navigate(surveyPaths.survey(s.id));
    if (id) save.mutate({ params: { id }, body }, { onSuccess: done, onError: handle });
    else create.mutate({ body }, { onSuccess: done, onError: handle });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Card withBorder padding="md">
          <Stack gap="sm">
            <TextsFields legend={t('surveys.fields.title')} value={title} onChange={setTitle} testId="survey-title" />
            <TextsFields legend={t('surveys.fields.description')} value={description} onChange={setDescription} />
          </Stack>
        </Card>
        <Title order={2} size="h4">
          {t('surveys.builder.questions')}
        </Title>
        {questions.map((q, i) => (
          <QuestionCard
            key={i}
            d={q}
            index={i}
            all={questions}
            onChange={(d) => setQuestions(questions.map((x, j) => (j === i ? d : x)))}
            onRemove={() => setQuestions(questions.filter((_, j) => j !== i))}
            onMove={(by) => {
              const next = [...questions];
              const [moved] = next.splice(i, 1);
              next.splice(i + by, 0, moved!);
              setQuestions(next);
            }}
          />
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setQuestions([...questions, newQuestion(questions.length + 1)])}
            data-testid="add-question"
          >
            {t('surveys.builder.addQuestion')}
          </Button>
        </Group>
        <ProblemAlert problem={problem} />
        <Group>
          <Button type="submit" loading={busy} data-testid="save-survey">
            {t('surveys.builder.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The form builder: a new survey, or the draft of an existing one (a published version stays frozen). */
export function SurveyBuilderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const survey = useOp(getSurvey, { params: { id: id ?? '' } }, { enabled: Boolean(id) });
  const initial = useMemo(() => {
    if (!id) return { title: blank(), description: blank(), questions: [newQuestion(1)] };
    if (!survey.data) return null;
    const source = survey.data.draft ?? survey.data.published;
    return {
      title: survey.data.title,
      description: survey.data.description ?? blank(),
      questions: (source?.questions ?? []).map(fromQuestion),
    };
  }, [id, survey.data]);

  const heading = id ? t('surveys.edit') : t('surveys.create');
  let body;
  if (id && survey.error) body = <LoadError problem={toProblem(survey.error)} onRetry={() => void survey.refetch()} />;
  else if (!initial) body = <InlineLoader />;
  else body = <Builder id={id ?? null} initial={initial} />;
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={surveyPaths.list} size="sm">
          {t('surveys.title')}
        </Anchor>
        <Text size="sm">{heading}</Text>
      </Breadcrumbs>
      <PageHeader title={heading} description={t('surveys.builder.description')} />
      {body}
    </Stack>
  );
}
