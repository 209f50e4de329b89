import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  createDpRequest,
  DP_REQUEST_KINDS,
  DP_REQUEST_STATUSES,
  DP_SORTS,
  DP_STAFF_CHANNELS,
  listDpRequests,
  type DpRequestKind,
  type DpRequestStatus,
  type DpRequestSummary,
} from '../../../common/contracts/dataprotection.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate } from '../../components/format.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { Pager } from '../../components/Pager.tsx';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { deadlineColor, STATUS_COLOR, useDeadlineText } from './labels.ts';
import { DateField } from '../../components/DateFields.tsx';

const PAGE_SIZE = 25;
type Sort = (typeof DP_SORTS)[number];

function NewRequest({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useOpMutation(createDpRequest, { invalidates: ['/data-protection/requests'] });
  const form = useForm({
    initialValues: {
      kind: 'access' as DpRequestKind,
      channel: 'counter' as 'counter' | 'letter',
      receivedOn: '',
      details: '',
    },
  });
  const { problem, handle } = useFormProblem(form, ['kind', 'channel', 'receivedOn', 'details']);
  const submit = form.onSubmit(async (v) => {
    try {
      const made = await create.mutateAsync({
        body: {
          kind: v.kind,
          channel: v.channel,
          ...(v.receivedOn ? { receivedOn: v.receivedOn } : {}),
          details: v.details.trim() || null,
        },
      });
      onClose();
      void navigate(`/data-protection/requests/${made.id}`);
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('dataProtection.desk.newTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} />
          <Select
            label={t('dataProtection.desk.kind')}
            data={DP_REQUEST_KINDS.map((k) => ({ value: k, label: t(`dataProtection.kinds.${k}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('dataProtection.desk.channel')}
            data={DP_STAFF_CHANNELS.map((c) => ({ value: c, label: t(`dataProtection.channels.${c}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps('channel')}
          />
          <DateField
            label={t('dataProtection.desk.receivedOn')}
            description={t('dataProtection.desk.receivedOnHint')}
            {...form.getInputProps('receivedOn')}
          />
          <Textarea
            label={t('dataProtection.desk.details')}
            autosize
            minRows={3}
            maxLength={5000}
            {...form.getInputProps('details')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('dataProtection.desk.register')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RequestTable({ items }: { items: DpRequestSummary[] }) {
  const { t } = useTranslation();
  const deadline = useDeadlineText();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover data-testid="dp-requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dataProtection.desk.kind')}</Table.Th>
            <Table.Th>{t('dataProtection.desk.person')}</Table.Th>
            <Table.Th>{t('dataProtection.desk.receivedOn')}</Table.Th>
            <Table.Th>{t('dataProtection.desk.dueOn')}</Table.Th>
            <Table.Th>{t('dataProtection.desk.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/data-protection/requests/${r.id}`}>
                  {t(`dataProtection.kinds.${r.kind}`)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`dataProtection.channels.${r.channel}`)}
                </Text>
              </Table.Td>
              <Table.Td>{r.person?.name ?? <Text c="dimmed">{t('dataProtection.desk.noPerson')}</Text>}</Table.Td>
              <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
              <Table.Td>
                {formatDate(r.dueOn)}
                {r.daysLeft !== null ? (
                  <Text size="xs" c={deadlineColor(r.daysLeft)} fw={r.daysLeft < 0 ? 700 : undefined}>
                    {deadline(r.daysLeft)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={STATUS_COLOR[r.status] ?? 'gray.7'}>
                  {t(`dataProtection.statuses.${r.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The DPO's register of data subjects' requests, with each deadline. */
export function RequestsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DpRequestKind | null>(null);
  const [status, setStatus] = useState<DpRequestStatus | null>(null);
  const [open, setOpen] = useState(true);
  const [sort, setSort] = useState<Sort>('dueOn');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = { kind, status, open: open || null, sort, page, pageSize: PAGE_SIZE };
  const list = useOp(listDpRequests, { query }, { placeholderData: keepPreviousData });

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = <Empty title={t('dataProtection.desk.empty')} description={t('dataProtection.desk.emptyText')} />;
  else
    body = (
      <>
        <RequestTable items={list.data.items} />
        <Pager list={list.data} onChange={setPage} />
      </>
    );

  return (
    <Stack>
      <PageHeader
        title={t('dataProtection.desk.title')}
        description={t('dataProtection.desk.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('dataProtection.desk.new')}
          </Button>
        }
      />
      <FilterPanel active={[kind, status].filter(Boolean).length}>
        <Select
          label={t('dataProtection.desk.kind')}
          clearable
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          data={DP_REQUEST_KINDS.map((k) => ({ value: k, label: t(`dataProtection.kinds.${k}`) }))}
        />
        <Select
          label={t('dataProtection.desk.status')}
          clearable
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          data={DP_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`dataProtection.statuses.${s}`) }))}
        />
        <Select
          label={t('dataProtection.desk.sort')}
          allowDeselect={false}
          value={sort}
          onChange={(v) => setSort(v ?? 'dueOn')}
          data={DP_SORTS.map((s) => ({ value: s, label: t(`dataProtection.sorts.${s.replace('-', 'desc-')}`) }))}
        />
        <Checkbox
          mt="xl"
          label={t('dataProtection.desk.openOnly')}
          checked={open}
          onChange={(e) => {
            setOpen(e.currentTarget.checked);
            setPage(1);
          }}
        />
      </FilterPanel>
      {body}
      {creating ? <NewRequest onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
