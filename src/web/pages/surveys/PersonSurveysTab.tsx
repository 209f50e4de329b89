import { Alert, Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDateTime, formatNumber, listSeparator } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { textIn } from '../../../common/surveys.ts';
import { listPersonResponses, type PersonAnswer } from '../../../common/contracts/surveys.ts';
import { surveyPaths, useLocale } from './SurveyForm.tsx';

function AnswerText({ answer }: { answer: PersonAnswer }) {
  const locale = useLocale();
  if (answer.labels) return <>{answer.labels.map((l) => textIn(l, locale)).join(listSeparator())}</>;
  if (typeof answer.value === 'number') return <>{formatNumber(answer.value)}</>;
  if (Array.isArray(answer.value)) return <>{answer.value.join(listSeparator())}</>;
  return <span dir="auto">{answer.value}</span>;
}

/**
 * The survey responses a registered person gave (on their page, through the surveys module's API):
 * special-category answers only for a reader with `special-category:read` (the read is audited),
 * otherwise the question is named as withheld.
 */
export function PersonSurveysTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const responses = useOp(listPersonResponses, { params: { id: personId } });
  if (responses.isPending) return <InlineLoader />;
  if (responses.error)
    return <LoadError problem={toProblem(responses.error)} onRetry={() => void responses.refetch()} />;
  if (responses.data.items.length === 0)
    return <Empty title={t('surveys.person.empty')} description={t('surveys.person.emptyText')} />;
  return (
    <Stack gap="md" data-testid="person-surveys">
      {responses.data.items.map((r) => (
        <Card withBorder padding="md" key={r.id} data-testid="person-survey-response">
          <Group justify="space-between" wrap="wrap" mb="xs">
            <Anchor component={Link} to={surveyPaths.survey(r.survey.id)} fw={600}>
              {textIn(r.survey.title, locale)}
            </Anchor>
            <Group gap="xs">
              <Badge variant="light">{t('surveys.person.version', { n: r.version })}</Badge>
              <Text size="sm" c="dimmed">
                {formatDateTime(r.submittedAt)}
                {r.enteredBy ? ` · ${t('surveys.person.enteredBy', { name: r.enteredBy })}` : ''}
              </Text>
            </Group>
          </Group>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.person.question')}</Table.Th>
                <Table.Th>{t('surveys.person.answer')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.answers.map((a) => (
                <Table.Tr key={a.key}>
                  <Table.Td>
                    {textIn(a.question, locale)}
                    {a.special ? (
                      <Badge ms="xs" size="xs" variant="outline" color="grape.8">
                        {t('surveys.person.special')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <AnswerText answer={a} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {r.withheld.length > 0 ? (
            <Alert mt="xs" variant="light" color="gray" icon={<IconLock aria-hidden />} data-testid="withheld">
              {t('surveys.person.withheld', {
                questions: r.withheld.map((q) => textIn(q, locale)).join(listSeparator()),
              })}
            </Alert>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
