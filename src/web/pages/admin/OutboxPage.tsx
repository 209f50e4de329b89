import { useState } from 'react';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  type TextProps,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle, IconMail, IconMessage, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/outbox.ts';
import { formatDateTime } from '../../components/format.ts';
import { useSearchWords } from '../../components/listState.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { Pager } from '../../components/Pager.tsx';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';

const PAGE_SIZE = 25;
const STATUS_COLOR: Record<string, string> = {
  pending: 'yellow.9',
  sending: 'blue.8',
  sent: 'teal.8',
  failed: 'red.8',
  captured: 'grape.8',
};

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={STATUS_COLOR[status] ?? 'gray.7'}>
      {t(`admin.outbox.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Why a message was not sent, in the reader's language; a text the outbox does not know, as it was given. */
function FailureReason({ error, ...props }: { error: string } & TextProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  const reason = op.failureReason(error);
  if (!reason)
    return (
      <Text {...props} className="ltr">
        {error}
      </Text>
    );
  const { channel, ...values } = reason.values;
  return (
    <Text {...props}>
      {t(`admin.outbox.failures.${reason.key}`, {
        ...values,
        ...(channel ? { channel: t(`admin.outbox.channels.${channel}`) } : {}),
      })}
    </Text>
  );
}

function MessageDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const input = { params: { id } };
  const message = useOp(op.getOutboxMessage, input);
  const retrying = useOpMutation(op.retryOutboxMessage, {
    invalidates: [['outbox', 'search']],
    onSuccess: (updated) => {
      client.setQueryData(opKey(op.getOutboxMessage, input), updated);
      notifySuccess(t('admin.outbox.retried'));
    },
    onError: notifyProblem,
  });

  let body;
  if (message.isPending) body = <InlineLoader />;
  else if (message.error) body = <LoadError problem={toProblem(message.error)} />;
  else {
    const m = message.data;
    body = (
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('admin.outbox.recipient')}
            </Text>
            <Text className="ltr">{m.recipient}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('admin.outbox.status')}
            </Text>
            <Group gap="xs">
              <StatusBadge status={m.status} />
              <Text size="sm">{t('admin.outbox.attempts', { attempts: m.attempts })}</Text>
            </Group>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('admin.outbox.template')}
            </Text>
            <Text>{t(`admin.outbox.templates.${m.template}`, { defaultValue: m.template })}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('admin.outbox.created')}
            </Text>
            <Text>{formatDateTime(m.createdAt)}</Text>
          </Stack>
        </SimpleGrid>
        {m.body === null ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
            {m.bodyWithheld === 'secret' ? t('admin.outbox.bodySecret') : t('admin.outbox.bodyHidden')}
          </Alert>
        ) : (
          <Stack gap="xs">
            {m.subject ? (
              <Text fw={600}>
                {t('admin.outbox.subjectLine', { subject: '' })}
                <bdi dir={m.locale === 'ar' ? 'rtl' : 'ltr'} lang={m.locale}>
                  {m.subject}
                </bdi>
              </Text>
            ) : null}
            {/* Not Mantine's Code, which forces left to right: an Arabic message reads right to left. */}
            <Paper
              withBorder
              p="sm"
              bg="gray.0"
              data-testid="outbox-body"
              dir={m.locale === 'ar' ? 'rtl' : 'ltr'}
              lang={m.locale}
              style={{ whiteSpace: 'pre-wrap', textAlign: 'start' }}
            >
              {m.body}
            </Paper>
          </Stack>
        )}
        {m.lastError ? (
          <Alert color="red" variant="light" title={t('admin.outbox.lastError')}>
            <FailureReason size="sm" error={m.lastError} data-testid="outbox-detail-failure" />
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {m.status === 'failed' && m.lastError !== 'cancelled' ? (
            <Button loading={retrying.isPending} onClick={() => retrying.mutate(input)}>
              {t('admin.outbox.retry')}
            </Button>
          ) : null}
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('admin.outbox.detailTitle')} size="lg">
      {body}
    </Modal>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<op.OutboxStatus | null>(null);
  const [channel, setChannel] = useState<op.OutboxChannel | null>(null);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [search, setSearch] = useSearchWords('outbox');
  const [q] = useDebouncedValue(search.trim(), 300);
  const request = {
    q: q || undefined,
    status: status ?? undefined,
    channel: channel ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  // A recipient's phone number or e-mail address goes in the body of a POST, never in an address.
  const messages = useOp(
    op.searchOutbox,
    { body: request },
    { placeholderData: keepPreviousData, refetchInterval: 15_000 },
  );

  let body;
  if (messages.isPending) body = <InlineLoader />;
  else if (messages.error)
    body = <LoadError problem={toProblem(messages.error)} onRetry={() => void messages.refetch()} />;
  else if (messages.data.items.length === 0) {
    body =
      q || status || channel ? (
        <Empty title={t('admin.outbox.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty title={t('admin.outbox.empty')} description={t('admin.outbox.emptyText')} />
      );
  } else {
    body = (
      <>
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="outbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.outbox.created')}</Table.Th>
                <Table.Th>{t('admin.outbox.channel')}</Table.Th>
                <Table.Th>{t('admin.outbox.recipient')}</Table.Th>
                <Table.Th>{t('admin.outbox.template')}</Table.Th>
                <Table.Th>{t('admin.outbox.status')}</Table.Th>
                <Table.Th>{t('admin.outbox.open')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {messages.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {m.channel === 'sms' ? <IconMessage size={16} aria-hidden /> : <IconMail size={16} aria-hidden />}
                      {t(`admin.outbox.channels.${m.channel}`, { defaultValue: m.channel })}
                    </Group>
                  </Table.Td>
                  <Table.Td className="ltr">{m.recipient}</Table.Td>
                  <Table.Td>{t(`admin.outbox.templates.${m.template}`, { defaultValue: m.template })}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <StatusBadge status={m.status} />
                      {m.status === 'failed' && m.lastError ? (
                        <FailureReason
                          size="xs"
                          c="red.9"
                          lineClamp={2}
                          error={m.lastError}
                          data-testid="outbox-failure-reason"
                        />
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setOpenId(m.id)}
                      aria-label={t('admin.outbox.openFor', { recipient: m.recipient })}
                    >
                      {t('admin.outbox.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={messages.data} onChange={setPage} />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('admin.outbox.title')} description={t('admin.outbox.description')} />
      <FilterPanel active={[q, status, channel].filter(Boolean).length}>
        <TextInput
          label={t('admin.outbox.search')}
          placeholder={t('admin.outbox.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 260 }}
          data-testid="outbox-search"
        />
        <Select
          label={t('admin.outbox.status')}
          data={op.OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`admin.outbox.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={t('admin.outbox.channel')}
          data={op.OUTBOX_CHANNELS.map((c) => ({ value: c, label: t(`admin.outbox.channels.${c}`) }))}
          value={channel}
          onChange={(v) => {
            setChannel(v);
            setPage(1);
          }}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
      {openId ? <MessageDetail id={openId} onClose={() => setOpenId(null)} /> : null}
    </Stack>
  );
}
