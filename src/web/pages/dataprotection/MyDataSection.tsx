import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  createOwnDpRequest,
  DP_REQUEST_KINDS,
  downloadOwnDpExport,
  listOwnDpExports,
  listOwnDpRequests,
  listOwnRecipients,
  type DpRequestKind,
} from '../../../common/contracts/dataprotection.ts';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatDateTime, listSeparator } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError } from '../../components/ui.tsx';
import { STATUS_COLOR } from './labels.ts';

/** "Who received my data": the disclosure log, on the job seeker's own profile. */
function Recipients() {
  const { t } = useTranslation();
  const list = useOp(listOwnRecipients, undefined);
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Text size="sm">{t('dataProtection.me.noRecipients')}</Text>;
  else
    body = (
      <Table data-testid="my-recipients">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dataProtection.fields.recipientName')}</Table.Th>
            <Table.Th>{t('dataProtection.fields.dataCategories')}</Table.Th>
            <Table.Th>{t('dataProtection.fields.at')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((r, i) => (
            <Table.Tr key={`${r.at}-${i}`}>
              <Table.Td>
                {r.recipientName}
                <Text size="xs" c="dimmed">
                  {t(`dataProtection.recipientKinds.${r.recipientKind}`)} ·{' '}
                  {t(`dataProtection.purposes.${r.purpose}`, { defaultValue: r.purpose })}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.dataCategories
                  .map((c) => t(`dataProtection.categories.${c}`, { defaultValue: c }))
                  .join(listSeparator())}
              </Table.Td>
              <Table.Td>{formatDateTime(r.at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="me-recipients">
      <Stack gap="sm">
        <Title order={2} size="h4" id="me-recipients">
          {t('dataProtection.me.recipients')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dataProtection.me.recipientsText')}
        </Text>
        {body}
      </Stack>
    </Card>
  );
}

/** The person's requests under KVKK art. 11, a form to file one, and their downloads. */
function Requests() {
  const { t } = useTranslation();
  const requests = useOp(listOwnDpRequests, undefined);
  const exports = useOp(listOwnDpExports, undefined);
  const file = useOpMutation(createOwnDpRequest, { invalidates: ['/me/data-requests'] });
  const [kind, setKind] = useState<DpRequestKind | null>(null);
  const [details, setDetails] = useState('');
  const { problem, handle, clear } = useFormProblem();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="me-requests">
      <Stack gap="sm">
        <Title order={2} size="h4" id="me-requests">
          {t('dataProtection.me.requests')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dataProtection.me.requestsText')}
        </Text>
        {exports.data && exports.data.items.length > 0 ? (
          <Stack gap="xs" data-testid="my-exports">
            {exports.data.items.map((e) => (
              <Group key={e.id} gap="sm" wrap="wrap">
                <Text size="sm" fw={600}>
                  {t('dataProtection.me.exportReady', { date: formatDate(e.expiresAt.slice(0, 10)) })}
                </Text>
                {(['xlsx', 'json'] as const).map((format) =>
                  e.downloadedFormats.includes(format) ? (
                    <Text key={format} size="sm" c="dimmed">
                      {t('dataProtection.me.downloaded', { format: format.toUpperCase() })}
                    </Text>
                  ) : (
                    <Anchor
                      key={format}
                      href={opHref(downloadOwnDpExport, { params: { id: e.id }, query: { format } })}
                      download
                      onClick={() => window.setTimeout(() => void exports.refetch(), 1500)}
                    >
                      {t('dataProtection.me.download', { format: format.toUpperCase() })}
                    </Anchor>
                  ),
                )}
              </Group>
            ))}
          </Stack>
        ) : null}
        {requests.isPending ? (
          <InlineLoader />
        ) : requests.error ? (
          <LoadError problem={toProblem(requests.error)} onRetry={() => void requests.refetch()} />
        ) : requests.data.items.length === 0 ? null : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {requests.data.items.map((r) => (
              <Card key={r.id} component="li" withBorder padding="sm">
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {t(`dataProtection.kinds.${r.kind}`)} · {formatDate(r.receivedOn)}
                  </Text>
                  <Badge variant="outline" color={STATUS_COLOR[r.status] ?? 'gray.7'}>
                    {t(`dataProtection.statuses.${r.status}`)}
                  </Badge>
                </Group>
                {(r.answer ?? r.refusalReason) ? (
                  <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                    {r.answer ?? r.refusalReason}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('dataProtection.me.answerBy', { date: formatDate(r.dueOn) })}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        )}
        <ProblemAlert problem={problem} onClose={clear} />
        <Select
          label={t('dataProtection.me.newRequest')}
          data={DP_REQUEST_KINDS.map((k) => ({ value: k, label: t(`dataProtection.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => setKind(v)}
        />
        <Textarea
          label={t('dataProtection.desk.details')}
          autosize
          minRows={2}
          maxLength={5000}
          value={details}
          onChange={(e) => setDetails(e.currentTarget.value)}
        />
        <Group>
          <Button
            disabled={!kind}
            loading={file.isPending}
            onClick={() =>
              void file
                .mutateAsync({ body: { kind: kind!, details: details.trim() || null } })
                .then(() => {
                  setKind(null);
                  setDetails('');
                  notifySuccess(t('dataProtection.me.filed'));
                })
                .catch(handle)
            }
          >
            {t('dataProtection.me.file')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function MyDataSection() {
  return (
    <>
      <Recipients />
      <Requests />
    </>
  );
}
