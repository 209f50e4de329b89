import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { hasAny, useMe } from '../../api/session.ts';
import { formatDate, formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { textIn } from '../../../common/surveys.ts';
import { listSurveys } from '../../../common/contracts/surveys.ts';
import { surveyPaths, useLocale } from './SurveyForm.tsx';

export function SurveyStatusBadge({ status }: { status: 'draft' | 'published' | 'closed' }) {
  const { t } = useTranslation();
  const colour = status === 'published' ? 'teal.9' : status === 'draft' ? 'blue.9' : 'gray.8';
  return (
    <Badge color={colour} variant="outline" data-testid="survey-status">
      {t(`surveys.statuses.${status}`)}
    </Badge>
  );
}

/** The organisation's surveys. */
export function SurveysPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const canManage = hasAny(me, ['surveys:manage']);
  const list = useOp(listSurveys, undefined);
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = <Empty title={t('surveys.empty')} description={t('surveys.emptyText')} />;
  else
    body = (
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" data-testid="surveys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.fields.title')}</Table.Th>
                <Table.Th>{t('surveys.fields.status')}</Table.Th>
                <Table.Th>{t('surveys.fields.version')}</Table.Th>
                <Table.Th>{t('surveys.fields.responses')}</Table.Th>
                <Table.Th>{t('surveys.fields.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={surveyPaths.survey(s.id)}>
                      {textIn(s.title, locale)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <SurveyStatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td>{s.version ?? '—'}</Table.Td>
                  <Table.Td>{formatNumber(s.responses)}</Table.Td>
                  <Table.Td>{formatDate(s.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    );
  return (
    <Stack gap="md">
      <PageHeader
        title={t('surveys.title')}
        description={t('surveys.description')}
        actions={
          canManage ? (
            <Button component={Link} to={surveyPaths.create} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('surveys.create')}
            </Button>
          ) : null
        }
      />
      {body}
    </Stack>
  );
}
