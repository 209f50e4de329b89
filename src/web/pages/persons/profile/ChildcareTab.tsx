import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../../api/ops.ts';
import { useCan } from '../../../api/session.ts';
import { formatDate, formatNumber } from '../../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../../components/problems.tsx';
import type { Person } from '../../../components/people/types.ts';
import { Empty, InlineLoader, LoadError } from '../../../components/ui.tsx';
import { turkishDate } from '../../../../common/working-days.ts';
import {
  applyForPlace,
  listProviders,
  personChildcare,
  type CareEntry,
} from '../../../../common/contracts/childcare.ts';
import { EndPlaceDialog } from '../../childcare/EndPlaceDialog.tsx';
import { ageRangeLabel, CareStatusBadge, childcarePaths, PriorityReason } from '../../childcare/labels.tsx';
import { SectionCard } from './OverviewTab.tsx';
import { DateField } from '../../../components/DateFields.tsx';

interface Values {
  childMemberId: string | null;
  providerId: string | null;
  requestedStart: string;
}
const FIELDS = ['childMemberId', 'providerId', 'requestedStart'] as const;

/**
 * A mother's care places and positions in line (the child shown by initials and age only); a
 * counsellor applies for a place here for a child of her household.
 */
export function ChildcareTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canApply = can('childcare:write');
  const mine = useOp(personChildcare, { params: { id: person.id } });
  const providers = useOp(
    listProviders,
    { query: { active: true, sort: 'name', order: 'asc', page: 1, pageSize: 100 } },
    { enabled: canApply },
  );
  const apply = useOpMutation(applyForPlace, { invalidates: ['/persons', '/childcare'] });
  const form = useForm<Values>({
    initialValues: { childMemberId: null, providerId: null, requestedStart: turkishDate(new Date()) },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const [ending, setEnding] = useState<CareEntry | null>(null);

  async function submit(v: Values) {
    clear();
    try {
      const entry = await apply.mutateAsync({
        params: { id: person.id },
        body: {
          childMemberId: v.childMemberId ?? '',
          providerId: v.providerId ?? '',
          requestedStart: v.requestedStart,
        },
      });
      notifySuccess(
        entry.status === 'allocated'
          ? t('childcare.person.allocated', { provider: entry.provider.name })
          : t('childcare.person.waiting', {
              provider: entry.provider.name,
              position: formatNumber(entry.position ?? 0),
            }),
      );
      form.reset();
    } catch (err) {
      handle(err);
    }
  }

  if (mine.isPending) return <InlineLoader />;
  if (mine.error) return <LoadError problem={toProblem(mine.error)} onRetry={() => void mine.refetch()} />;
  const { entries, children, priority } = mine.data;

  return (
    <Stack gap="md">
      <SectionCard title={t('childcare.person.title')} testId="person-childcare">
        {entries.length === 0 ? (
          <Empty title={t('childcare.person.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="person-care-entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('childcare.fields.child')}</Table.Th>
                  <Table.Th>{t('childcare.fields.provider')}</Table.Th>
                  <Table.Th>{t('childcare.fields.status')}</Table.Th>
                  <Table.Th>{t('childcare.fields.reason')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id} data-testid="person-care-entry">
                    <Table.Td>
                      {e.child
                        ? t('childcare.childLine', {
                            initials: e.child.initials,
                            months: formatNumber(e.child.ageMonths),
                          })
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={childcarePaths.provider(e.provider.id)} size="sm">
                        {e.provider.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {e.provider.district}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <CareStatusBadge status={e.status} />
                        <Text size="xs" c="dimmed" data-testid="care-when">
                          {e.status === 'waiting'
                            ? t('childcare.positionN', { n: formatNumber(e.position ?? 0) })
                            : e.status === 'allocated'
                              ? t('childcare.fromDate', { date: formatDate(e.startDate) })
                              : `${formatDate(e.endDate)} · ${e.endReason ? t(`childcare.endReasons.${e.endReason}`) : ''}`}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <PriorityReason entry={e} />
                    </Table.Td>
                    <Table.Td>
                      {e.canManage ? (
                        <Button size="xs" variant="default" onClick={() => setEnding(e)} data-testid="end-place">
                          {e.status === 'waiting' ? t('childcare.withdraw') : t('childcare.end')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      {canApply ? (
        <SectionCard title={t('childcare.person.applyTitle')} testId="childcare-apply">
          <Alert
            variant="light"
            color={priority === 'none' ? 'yellow' : 'blue'}
            icon={<IconInfoCircle aria-hidden />}
            data-testid="childcare-priority"
          >
            {t(`childcare.person.priority.${priority}`)}
          </Alert>
          <ProblemAlert problem={problem} onClose={clear} />
          {children.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('childcare.person.noChildren')}
            </Text>
          ) : (
            <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
              <Group align="flex-start" wrap="wrap">
                <Select
                  label={t('childcare.fields.child')}
                  required
                  data={children.map((c) => ({
                    value: c.memberId,
                    label: t('childcare.childLine', { initials: c.initials, months: formatNumber(c.ageMonths) }),
                  }))}
                  data-testid="care-child"
                  w={{ base: '100%', sm: 220 }}
                  {...form.getInputProps('childMemberId')}
                />
                <Select
                  label={t('childcare.fields.provider')}
                  required
                  searchable
                  data={(providers.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name} · ${p.district} · ${ageRangeLabel(p)} · ${t('childcare.freeN', { n: formatNumber(p.free) })}`,
                  }))}
                  nothingFoundMessage={t('childcare.noMatch')}
                  data-testid="care-provider"
                  w={{ base: '100%', sm: 420 }}
                  {...form.getInputProps('providerId')}
                />
                <DateField
                  label={t('childcare.fields.requestedStart')}
                  required
                  w={{ base: '100%', sm: 180 }}
                  {...form.getInputProps('requestedStart')}
                />
                <Button type="submit" mt={{ sm: 25 }} loading={apply.isPending} data-testid="care-apply">
                  {t('childcare.person.apply')}
                </Button>
              </Group>
            </form>
          )}
        </SectionCard>
      ) : null}
      <EndPlaceDialog entry={ending} onClose={() => setEnding(null)} />
    </Stack>
  );
}
