import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opKey, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { numberSeparators } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { useDecentWorkLimits } from '../../components/work/queries.ts';
import { getDecentWorkLimits, updateDecentWorkLimits } from '../../../common/contracts/vacancies.ts';
import { READABLE_ERRORS } from '../../components/work/problems.tsx';
import { LIMIT_RANGES, type WorkingTimeLimits } from '../../../common/decent-work.ts';

const GROUPS: { key: string; fields: (keyof WorkingTimeLimits)[] }[] = [
  { key: 'adults', fields: ['weeklyHours', 'dailyHours', 'nightDailyHours'] },
  { key: 'minors', fields: ['minimumAge', 'adultAge', 'minorWeeklyHours', 'minorDailyHours'] },
  { key: 'pupils', fields: ['pupilWeeklyHours', 'pupilDailyHours'] },
  { key: 'protection', fields: ['protectionWaitingMonths'] },
];
const FIELDS = GROUPS.flatMap((g) => g.fields);
const AGE_FIELDS: (keyof WorkingTimeLimits)[] = ['minimumAge', 'adultAge'];
const MONTH_FIELDS: (keyof WorkingTimeLimits)[] = ['protectionWaitingMonths'];

/**
 * The decent-work limits the rules apply (GET /decent-work/limits): platform data, the same for every
 * organisation; only the platform administrator (platform:reference) changes them, within the statutory
 * ranges (LIMIT_RANGES, shared with the server).
 */
export function DecentWorkLimitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canEdit = can('platform:reference');
  const client = useQueryClient();
  const limits = useDecentWorkLimits();
  const save = useOpMutation(updateDecentWorkLimits, {
    onSuccess: (saved) => client.setQueryData(opKey(getDecentWorkLimits), saved),
  });
  const busy = save.isPending;
  const form = useForm<Record<keyof WorkingTimeLimits, number | string>>({
    mode: 'controlled',
    initialValues: Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<keyof WorkingTimeLimits, string>,
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const separators = numberSeparators();
  const loaded = limits.data;

  useEffect(() => {
    if (!loaded) return;
    form.setInitialValues(loaded);
    form.setValues(loaded);
    form.resetDirty(loaded);
    // The form object is stable; only new data should reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  if (limits.isPending) return <PageLoader />;
  if (limits.error) return <LoadError problem={toProblem(limits.error)} onRetry={() => void limits.refetch()} />;

  const submit = form.onSubmit(async (values) => {
    const changed: Partial<WorkingTimeLimits> = {};
    for (const f of FIELDS) if (values[f] !== limits.data[f] && typeof values[f] === 'number') changed[f] = values[f];
    if (Object.keys(changed).length === 0) return;
    clear();
    try {
      await save.mutateAsync({ body: changed });
      notifySuccess(t('common.saved'));
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Stack gap="md" maw={900}>
      <PageHeader title={t('decentWorkUi.limitsTitle')} description={t('decentWorkUi.limitsDescription')} />
      {canEdit ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('decentWorkUi.limitsWarning')}
        </Alert>
      ) : (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('decentWorkUi.limitsReadOnly')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack gap="md">
          <ProblemAlert problem={problem} />
          {GROUPS.map((g) => (
            <Card withBorder padding="md" key={g.key} component="section" aria-labelledby={`limits-${g.key}`}>
              <Title order={2} size="h4" id={`limits-${g.key}`} mb={4}>
                {t(`decentWorkUi.limitGroups.${g.key}`)}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t(`decentWorkUi.limitGroupsText.${g.key}`)}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
                {g.fields.map((f) => (
                  <NumberInput
                    key={f}
                    label={t(`decentWorkUi.limits.${f}`)}
                    suffix={
                      AGE_FIELDS.includes(f)
                        ? undefined
                        : ` ${t(MONTH_FIELDS.includes(f) ? 'decentWorkUi.monthsUnit' : 'decentWorkUi.hoursUnit')}`
                    }
                    min={LIMIT_RANGES[f].min}
                    max={LIMIT_RANGES[f].max}
                    step={AGE_FIELDS.includes(f) || MONTH_FIELDS.includes(f) ? 1 : 0.5}
                    decimalScale={1}
                    readOnly={!canEdit}
                    thousandSeparator={separators.group}
                    decimalSeparator={separators.decimal}
                    data-testid={`limit-${f}`}
                    {...form.getInputProps(f)}
                  />
                ))}
              </SimpleGrid>
            </Card>
          ))}
          {canEdit ? (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={!form.isDirty()} data-testid="limits-save">
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Stack>
  );
}
