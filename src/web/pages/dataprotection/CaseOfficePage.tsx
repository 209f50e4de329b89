import { Link } from 'react-router';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  completeRectification,
  downloadCounterExport,
  listCounterExports,
  listDueRectifications,
} from '../../../common/contracts/dataprotection.ts';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';

function Rectifications() {
  const { t } = useTranslation();
  const list = useOp(listDueRectifications, undefined);
  const done = useOpMutation(completeRectification, { invalidates: ['/data-protection/rectifications'] });
  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Text c="dimmed">{t('dataProtection.caseOffice.noRectifications')}</Text>;
  return (
    <Stack gap="sm">
      {list.data.items.map((r) => (
        <Card key={r.requestId} withBorder padding="sm">
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/persons/${r.person.id}`} fw={600}>
                {r.person.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t('dataProtection.caseOffice.due', { date: formatDate(r.dueOn) })}
              </Text>
            </Group>
            {r.details ? <Text style={{ whiteSpace: 'pre-wrap' }}>{r.details}</Text> : null}
            <Text size="sm" c="dimmed">
              {t('dataProtection.caseOffice.howTo')}
            </Text>
            <Group>
              <Button
                size="compact-sm"
                loading={done.isPending}
                onClick={() =>
                  void done
                    .mutateAsync({ params: { id: r.requestId } })
                    .then((x) => notifySuccess(t('dataProtection.caseOffice.notified', { count: x.notified })))
                    .catch(notifyProblem)
                }
              >
                {t('dataProtection.caseOffice.carriedOut')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function CounterExports() {
  const { t } = useTranslation();
  const list = useOp(listCounterExports, undefined);
  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Text c="dimmed">{t('dataProtection.caseOffice.noExports')}</Text>;
  return (
    <Table>
      <Table.Tbody>
        {list.data.items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{e.person.name}</Table.Td>
            <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
            <Table.Td>
              <Group gap="sm">
                {(['xlsx', 'json'] as const).map((format) =>
                  e.downloadedFormats.includes(format) ? (
                    <Text key={format} size="sm" c="dimmed">
                      {t('dataProtection.caseOffice.printed', { format: format.toUpperCase() })}
                    </Text>
                  ) : (
                    <Anchor
                      key={format}
                      href={opHref(downloadCounterExport, { params: { id: e.id }, query: { format } })}
                      download
                      onClick={() => window.setTimeout(() => void list.refetch(), 1500)}
                    >
                      {format.toUpperCase()}
                    </Anchor>
                  ),
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What the data-protection desk asks of the case office: rectifications to carry out, exports to print. */
export function CaseOfficePage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Stack>
      <PageHeader
        title={t('dataProtection.caseOffice.title')}
        description={t('dataProtection.caseOffice.description')}
      />
      {can('persons:write') ? (
        <Card withBorder component="section" aria-labelledby="co-rect">
          <Stack gap="sm">
            <Title order={2} size="h4" id="co-rect">
              {t('dataProtection.caseOffice.rectifications')}
            </Title>
            <Rectifications />
          </Stack>
        </Card>
      ) : null}
      <Card withBorder component="section" aria-labelledby="co-exports">
        <Stack gap="sm">
          <Title order={2} size="h4" id="co-exports">
            {t('dataProtection.caseOffice.exports')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('dataProtection.caseOffice.exportsHint')}
          </Text>
          <CounterExports />
        </Stack>
      </Card>
    </Stack>
  );
}
