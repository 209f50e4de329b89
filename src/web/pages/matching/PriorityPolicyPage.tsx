import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDateTime, listSeparator } from '../../components/format.ts';
import { ProblemAlert, toProblem } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import type { Problem } from '../../api/client.ts';
import * as op from '../../../common/contracts/matching.ts';
import type { PriorityPolicyVersion } from '../../../common/contracts/matching.ts';
import { TARGET_GROUPS, type TargetGroup } from '../../../common/enums.ts';
import { CONSENT_GATED_GROUPS, MAX_GROUP_LIFT, MAX_TOTAL_LIFT } from '../../../common/matching-priority.ts';

type Lifts = Record<TargetGroup, number | ''>;
const emptyLifts = () => Object.fromEntries(TARGET_GROUPS.map((g) => [g, 0])) as Lifts;

function LiftsText({ version }: { version: PriorityPolicyVersion }) {
  const { t } = useTranslation();
  const entries = Object.entries(version.lifts);
  if (entries.length === 0) return <>{t('priorityPolicy.noLifts')}</>;
  return <>{entries.map(([g, w]) => `${t(`groups.names.${g}`)} +${w}`).join(listSeparator())}</>;
}

/** The organisation's priority policy: lifts per target group, saved as a new version after a confirmation. */
export function PriorityPolicyPage() {
  const { t } = useTranslation();
  const policy = useOp(op.getPriorityPolicy, undefined);
  const history = useOp(op.priorityPolicyHistory, undefined);
  const save = useOpMutation(op.updatePriorityPolicy, { invalidates: ['/matching', '/vacancies', '/persons'] });
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useForm<{ lifts: Lifts; note: string }>({
    initialValues: { lifts: emptyLifts(), note: '' },
    validate: {
      lifts: Object.fromEntries(
        TARGET_GROUPS.map((g) => [
          g,
          (v: number | '') =>
            v === '' || !Number.isInteger(v) || v < 0 || v > MAX_GROUP_LIFT
              ? t('priorityPolicy.bounds', { max: MAX_GROUP_LIFT, total: MAX_TOTAL_LIFT })
              : null,
        ]),
      ),
    },
  });
  const loaded = policy.data;
  useEffect(() => {
    if (!loaded) return;
    form.setValues({ lifts: { ...emptyLifts(), ...(loaded.lifts as Partial<Lifts>) }, note: '' });
    form.resetDirty();
    // The form is filled once per answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  async function confirm() {
    setProblem(null);
    const v = form.getValues();
    try {
      const saved = await save.mutateAsync({
        body: {
          lifts: Object.fromEntries(TARGET_GROUPS.map((g) => [g, Number(v.lifts[g] || 0)])),
          ...(v.note.trim() ? { note: v.note.trim() } : {}),
        },
      });
      setConfirming(false);
      notifySuccess(t('priorityPolicy.saved', { version: saved.version }));
    } catch (err) {
      setConfirming(false);
      const p = toProblem(err);
      const others = (p.errors ?? []).filter((e) => {
        const m = /^\/lifts\/([^/]+)$/.exec(e.pointer);
        if (m) form.setFieldError(`lifts.${m[1]}`, e.message);
        else if (e.pointer === '/note') form.setFieldError('note', e.message);
        return !m && e.pointer !== '/note';
      });
      setProblem({ ...p, errors: others });
    }
  }

  let body;
  if (policy.isPending) body = <InlineLoader />;
  else if (policy.error) body = <LoadError problem={toProblem(policy.error)} onRetry={() => void policy.refetch()} />;
  else
    body = (
      <Card withBorder maw={860}>
        <form onSubmit={form.onSubmit(() => setConfirming(true))} noValidate>
          <Stack gap="md">
            <ProblemAlert problem={problem} />
            <Text size="sm" data-testid="policy-current">
              {policy.data.version === null
                ? t('priorityPolicy.none')
                : t('priorityPolicy.current', {
                    version: policy.data.version,
                    by: policy.data.changedBy ?? '—',
                    at: formatDateTime(policy.data.changedAt),
                  })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('priorityPolicy.bounds', { max: MAX_GROUP_LIFT, total: MAX_TOTAL_LIFT })}
            </Text>
            <Alert variant="light" color="blue">
              {t('priorityPolicy.consentNote')}
            </Alert>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {TARGET_GROUPS.map((g) => (
                <NumberInput
                  key={g}
                  label={t(`groups.names.${g}`)}
                  description={CONSENT_GATED_GROUPS.includes(g) ? t('consents.purposes.priority-matching') : undefined}
                  min={0}
                  max={MAX_GROUP_LIFT}
                  allowDecimal={false}
                  allowNegative={false}
                  data-testid={`lift-${g}`}
                  {...form.getInputProps(`lifts.${g}`)}
                />
              ))}
            </SimpleGrid>
            <Textarea
              label={t('priorityPolicy.note')}
              maxLength={500}
              autosize
              minRows={2}
              {...form.getInputProps('note')}
            />
            <Group justify="flex-end">
              <Button type="submit" data-testid="policy-save">
                {t('priorityPolicy.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    );

  let past;
  if (history.isPending) past = <InlineLoader />;
  else if (history.error)
    past = <LoadError problem={toProblem(history.error)} onRetry={() => void history.refetch()} />;
  else if (history.data.items.length === 0) past = <Empty title={t('priorityPolicy.noHistory')} />;
  else
    past = (
      <Table.ScrollContainer minWidth={600}>
        <Table data-testid="policy-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('priorityPolicy.version')}</Table.Th>
              <Table.Th>{t('priorityPolicy.lifts')}</Table.Th>
              <Table.Th>{t('priorityPolicy.note')}</Table.Th>
              <Table.Th>{t('priorityPolicy.changedBy')}</Table.Th>
              <Table.Th>{t('priorityPolicy.changedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.items.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>
                  <LiftsText version={v} />
                </Table.Td>
                <Table.Td>{v.note ?? ''}</Table.Td>
                <Table.Td>{v.changedBy ?? ''}</Table.Td>
                <Table.Td>{v.changedAt ? formatDateTime(v.changedAt) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack>
      <PageHeader title={t('priorityPolicy.title')} description={t('priorityPolicy.description')} />
      {body}
      <Title order={2} size="h4">
        {t('priorityPolicy.history')}
      </Title>
      {past}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('priorityPolicy.confirmTitle')}>
        <Stack>
          <Text size="sm">{t('priorityPolicy.confirmText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('priorityPolicy.cancel')}
            </Button>
            <Button loading={save.isPending} onClick={() => void confirm()} data-testid="policy-confirm">
              {t('priorityPolicy.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
