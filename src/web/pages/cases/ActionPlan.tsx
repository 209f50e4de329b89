import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../api/session.ts';
import { formatDate, formatDateTime, formatNumber } from '../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { useCounsellors } from '../../components/people/counsellors.ts';
import type { CaseDetail, CaseStep, Person } from '../../components/people/types.ts';
import { useCase } from '../persons/profile/queries.ts';
import { DateField } from '../../components/DateFields.tsx';
import { useOpMutation } from '../../api/ops.ts';
import { addCaseStep, setCaseStepDone } from '../../../common/contracts/cases.ts';

function AddStep({ c, onAdded }: { c: CaseDetail; onAdded: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const counsellors = useCounsellors(c.office.id);
  const adding = useOpMutation(addCaseStep);
  const form = useForm<{
    title: string;
    ownerKind: 'counsellor' | 'person';
    ownerUserId: string | null;
    dueDate: string;
  }>({
    mode: 'controlled',
    initialValues: { title: '', ownerKind: 'person', ownerUserId: c.counsellor?.id ?? me.id, dueDate: '' },
    validate: { title: (v) => (v.trim() ? null : t('errors.validation.required')) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['title', 'ownerKind', 'ownerUserId', 'dueDate']);
  const options = (counsellors.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      const updated = await adding.mutateAsync({
        params: { id: c.id },
        body: {
          title: v.title.trim(),
          ownerKind: v.ownerKind,
          ownerUserId: v.ownerKind === 'counsellor' ? v.ownerUserId : null,
          dueDate: v.dueDate || null,
        },
      });
      form.setFieldValue('title', '');
      form.setFieldValue('dueDate', '');
      notifySuccess(t('cases.plan.added'));
      onAdded(updated);
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-step-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5" id="add-step-title">
            {t('cases.plan.add')}
          </Title>
          <ProblemAlert problem={problem} />
          <TextInput
            label={t('cases.plan.stepTitle')}
            required
            maxLength={300}
            data-testid="step-title-input"
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('cases.plan.owner')}
              data={[
                { value: 'person', label: t('cases.plan.owners.person') },
                { value: 'counsellor', label: t('cases.plan.owners.counsellor') },
              ]}
              allowDeselect={false}
              {...form.getInputProps('ownerKind')}
            />
            {form.values.ownerKind === 'counsellor' ? (
              <Select
                label={t('cases.plan.counsellor')}
                data={options}
                searchable
                {...form.getInputProps('ownerUserId')}
              />
            ) : null}
            <DateField label={t('cases.plan.due')} {...form.getInputProps('dueDate')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={adding.isPending} data-testid="step-save">
              {t('cases.plan.addButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function StepRow({
  step,
  caseId,
  canWrite,
  onChanged,
}: {
  step: CaseStep;
  caseId: string;
  canWrite: boolean;
  onChanged: (c: CaseDetail) => void;
}) {
  const { t } = useTranslation();
  const marking = useOpMutation(setCaseStepDone, { onSuccess: onChanged, onError: notifyProblem });
  const done = step.doneAt !== null;
  function toggle(value: boolean) {
    marking.mutate({ params: { id: caseId, stepId: step.id }, body: { done: value } });
  }
  const owner =
    step.ownerKind === 'person'
      ? t('cases.plan.owners.person')
      : (step.owner?.name ?? t('cases.plan.owners.counsellor'));
  return (
    <Card
      withBorder
      padding="sm"
      component="li"
      style={step.overdue ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}
      data-testid="plan-step"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Checkbox
          checked={done}
          disabled={!canWrite || marking.isPending}
          onChange={(e) => toggle(e.currentTarget.checked)}
          label={
            <Text size="sm" fw={500} td={done ? 'line-through' : undefined}>
              {step.title}
            </Text>
          }
          description={
            done
              ? t('cases.plan.doneOn', { date: formatDateTime(step.doneAt) })
              : t('cases.plan.ownerDue', {
                  owner,
                  due: step.dueDate ? formatDate(step.dueDate) : t('cases.plan.noDue'),
                })
          }
        />
        {step.overdue && !done ? (
          <Badge color="red.8" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
            {t('cases.plan.overdue')}
          </Badge>
        ) : null}
      </Group>
    </Card>
  );
}

export function ActionPlan({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const canWrite = can('cases:write');
  const caseId = person.case?.id ?? null;
  const detail = useCase(caseId);

  function changed(c: CaseDetail) {
    client.setQueryData(['case', c.id], c);
    void client.invalidateQueries({ queryKey: ['counsellor-home'] });
  }

  if (!caseId) return <Empty title={t('cases.plan.noCase')} description={t('cases.plan.noCaseText')} />;
  if (detail.isPending) return <InlineLoader />;
  if (detail.error) return <LoadError problem={toProblem(detail.error)} onRetry={() => void detail.refetch()} />;
  const c = detail.data;
  const open = c.steps.filter((s) => !s.doneAt);
  const done = c.steps.filter((s) => s.doneAt);
  const overdue = open.filter((s) => s.overdue).length;
  const writable = canWrite && c.status !== 'closed';

  return (
    <Stack gap="md">
      {/* The plan first, the form to add a step below it (issue 14): the steps are what a counsellor reads. */}
      <Card withBorder padding="md" component="section" aria-labelledby="plan-title" data-testid="action-plan">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h5" id="plan-title">
              {t('cases.plan.title')}
            </Title>
            {overdue > 0 ? (
              <Text size="sm" c="red.8" fw={600}>
                {t('cases.plan.overdueCount', { n: formatNumber(overdue) })}
              </Text>
            ) : null}
          </Group>
          {c.steps.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('cases.plan.empty')}
            </Text>
          ) : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {[...open, ...done].map((s) => (
                <StepRow key={s.id} step={s} caseId={c.id} canWrite={writable} onChanged={changed} />
              ))}
            </Stack>
          )}
        </Stack>
      </Card>
      {writable ? <AddStep c={c} onAdded={changed} /> : null}
    </Stack>
  );
}
