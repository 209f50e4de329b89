import { useEffect } from 'react';
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDateTime, formatMoney } from '../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/graduation.ts';
import { DEFAULT_GRADUATION_RULE, RULE_LIMITS, THRESHOLD_KINDS } from '../../../common/graduation.ts';

const FIELDS = ['minMonths', 'thresholdKind', 'thresholdShare', 'thresholdAmount', 'municipalityEmail', 'sydvEmail'];

/** The organisation's graduation rule and where approvals are sent (managers: graduation:manage). */
export function GraduationSettingsPage() {
  const { t } = useTranslation();
  const settings = useOp(op.getGraduationSettings, undefined);
  const save = useOpMutation(op.updateGraduationSettings, { invalidates: ['/graduation', '/persons'] });
  const form = useForm({
    initialValues: {
      minMonths: DEFAULT_GRADUATION_RULE.minMonths as number | '',
      thresholdKind: DEFAULT_GRADUATION_RULE.thresholdKind,
      thresholdShare: DEFAULT_GRADUATION_RULE.thresholdShare as number | '',
      thresholdAmount: '' as number | '',
      municipalityEmail: '',
      sydvEmail: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const loaded = settings.data;
  useEffect(() => {
    if (!loaded) return;
    form.setValues({
      minMonths: loaded.minMonths,
      thresholdKind: loaded.thresholdKind,
      thresholdShare: loaded.thresholdShare,
      thresholdAmount: loaded.thresholdAmount ?? '',
      municipalityEmail: loaded.municipalityEmail ?? '',
      sydvEmail: loaded.sydvEmail ?? '',
    });
    form.resetDirty();
    // The form is filled once per answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await save.mutateAsync({
        body: {
          minMonths: v.minMonths === '' ? 0 : Number(v.minMonths),
          thresholdKind: v.thresholdKind,
          thresholdShare: v.thresholdShare === '' ? 0 : Number(v.thresholdShare),
          thresholdAmount: v.thresholdAmount === '' ? null : Number(v.thresholdAmount),
          municipalityEmail: v.municipalityEmail.trim() || null,
          sydvEmail: v.sydvEmail.trim() || null,
        },
      });
      notifySuccess(t('graduation.settings.saved'));
    } catch (err) {
      handle(err);
    }
  });

  let body;
  if (settings.isPending) body = <InlineLoader />;
  else if (settings.error)
    body = <LoadError problem={toProblem(settings.error)} onRetry={() => void settings.refetch()} />;
  else
    body = (
      <Card withBorder maw={760}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ProblemAlert problem={problem} />
            {settings.data.isDefault ? (
              <Alert variant="light" color="blue">
                {t('graduation.settings.defaults')}
              </Alert>
            ) : (
              <Text size="sm" c="dimmed">
                {t('graduation.settings.updatedAt', { date: formatDateTime(settings.data.updatedAt) })}
              </Text>
            )}
            <NumberInput
              label={t('graduation.settings.minMonths')}
              description={t('graduation.settings.minMonthsHint')}
              min={RULE_LIMITS.minMonths.min}
              max={RULE_LIMITS.minMonths.max}
              allowDecimal={false}
              required
              data-testid="settings-min-months"
              {...form.getInputProps('minMonths')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="threshold-kind">
                {t('graduation.settings.thresholdKind')}
              </Text>
              <SegmentedControl
                aria-labelledby="threshold-kind"
                data={THRESHOLD_KINDS.map((k) => ({ value: k, label: t(`graduation.settings.kinds.${k}`) }))}
                {...form.getInputProps('thresholdKind')}
              />
            </Stack>
            {form.values.thresholdKind === 'minimum-wage-share' ? (
              <NumberInput
                label={t('graduation.settings.thresholdShare')}
                description={
                  settings.data.thresholdToday !== null && settings.data.thresholdKind === 'minimum-wage-share'
                    ? t('graduation.settings.thresholdToday', { amount: formatMoney(settings.data.thresholdToday) })
                    : undefined
                }
                min={RULE_LIMITS.thresholdShare.min}
                max={RULE_LIMITS.thresholdShare.max}
                decimalScale={2}
                suffix=" %"
                required
                {...form.getInputProps('thresholdShare')}
              />
            ) : (
              <NumberInput
                label={t('graduation.settings.thresholdAmount')}
                min={RULE_LIMITS.thresholdAmount.min}
                max={RULE_LIMITS.thresholdAmount.max}
                decimalScale={2}
                required
                {...form.getInputProps('thresholdAmount')}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="email"
                label={t('graduation.settings.municipalityEmail')}
                maxLength={200}
                dir="ltr"
                {...form.getInputProps('municipalityEmail')}
              />
              <TextInput
                type="email"
                label={t('graduation.settings.sydvEmail')}
                maxLength={200}
                dir="ltr"
                {...form.getInputProps('sydvEmail')}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('graduation.settings.emailsHint')}
            </Text>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} data-testid="settings-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    );
  return (
    <Stack>
      <PageHeader title={t('graduation.settings.title')} description={t('graduation.settings.description')} />
      {body}
    </Stack>
  );
}
