import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  CopyButton,
  Group,
  List,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { hasAny, useMe } from '../../api/session.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { notifyProblem, toProblem, useFormProblem, ProblemAlert } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { textIn } from '../../../common/surveys.ts';
import {
  closeLink,
  closeSurvey,
  createLink,
  getSurvey,
  publishSurvey,
  type Version,
} from '../../../common/contracts/surveys.ts';
import { surveyPaths, useLocale } from './SurveyForm.tsx';
import { SurveyStatusBadge } from './SurveysPage.tsx';
import { DateField } from '../../components/DateFields.tsx';

function Questions({ version }: { version: Version }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <List type="ordered" spacing={6} data-testid={`version-${version.number}-questions`}>
      {version.questions.map((q) => (
        <List.Item key={q.key}>
          <Text span>{textIn(q.text, locale)}</Text>{' '}
          <Text span size="xs" c="dimmed">
            ({t(`surveys.types.${q.type}`)}
            {q.required ? ` · ${t('surveys.fields.required')}` : ''}
            {q.showIf ? ` · ${t('surveys.builder.conditional', { question: q.showIf.question })}` : ''})
          </Text>{' '}
          {q.special ? (
            <Badge size="xs" color="grape.9" variant="outline">
              {t('surveys.fields.special')}
            </Badge>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}

function NewLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [max, setMax] = useState<number | string>('');
  const [closes, setCloses] = useState('');
  const { problem, handle, clear } = useFormProblem();
  const make = useOpMutation(createLink, { invalidates: [`/surveys/${id}`] });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        make.mutate(
          {
            params: { id },
            body: {
              label: label || null,
              maxResponses: typeof max === 'number' ? max : null,
              closesAt: closes ? new Date(`${closes}T23:59:59`).toISOString() : null,
            },
          },
          { onError: handle, onSuccess: () => (setLabel(''), setMax(''), setCloses('')) },
        );
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('surveys.links.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
        <NumberInput label={t('surveys.links.maxResponses')} min={1} value={max} onChange={setMax} w={160} />
        <DateField label={t('surveys.links.closesOn')} value={closes} onChange={setCloses} />
        <Button type="submit" loading={make.isPending} data-testid="create-link">
          {t('surveys.links.create')}
        </Button>
      </Group>
      <ProblemAlert problem={problem} />
    </form>
  );
}

/** A survey: its published and draft versions, its public links, and the way to results and entry. */
export function SurveyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const canManage = hasAny(me, ['surveys:manage']);
  const canEnter = hasAny(me, ['surveys:enter']);
  const survey = useOp(getSurvey, { params: { id } });
  const invalidates = [`/surveys/${id}`, '/surveys'];
  const publish = useOpMutation(publishSurvey, { invalidates, onError: notifyProblem });
  const close = useOpMutation(closeSurvey, { invalidates, onError: notifyProblem });
  const endLink = useOpMutation(closeLink, { invalidates, onError: notifyProblem });

  if (survey.isPending) return <InlineLoader />;
  if (survey.error) return <LoadError problem={toProblem(survey.error)} onRetry={() => void survey.refetch()} />;
  const s = survey.data;
  const title = textIn(s.title, locale);
  const origin = window.location.origin;
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={surveyPaths.list} size="sm">
          {t('surveys.title')}
        </Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <PageHeader
        title={title}
        description={s.description ? textIn(s.description, locale) : undefined}
        actions={
          <>
            <SurveyStatusBadge status={s.status} />
            <Button component={Link} to={surveyPaths.results(id)} variant="default">
              {t('surveys.results.title')}
            </Button>
            {canEnter && s.status === 'published' ? (
              <Button component={Link} to={surveyPaths.respond(id)} variant="default">
                {t('surveys.entry.title')}
              </Button>
            ) : null}
            {canManage && s.status !== 'closed' ? (
              <Button component={Link} to={surveyPaths.edit(id)} variant="default">
                {t('surveys.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Text size="sm">{t('surveys.responsesN', { n: formatNumber(s.responses) })}</Text>
      {s.draft ? (
        <Card withBorder padding="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('surveys.versions.draft', { n: s.draft.number })}
            </Title>
            {canManage ? (
              <Button
                onClick={() => publish.mutate({ params: { id } })}
                loading={publish.isPending}
                data-testid="publish"
              >
                {t('surveys.publish')}
              </Button>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed" mb="sm">
            {t('surveys.versions.draftText')}
          </Text>
          <Questions version={s.draft} />
        </Card>
      ) : null}
      {s.published ? (
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('surveys.versions.published', { n: s.published.number })}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('surveys.versions.publishedText', { date: formatDateTime(s.published.publishedAt) })}
          </Text>
          <Questions version={s.published} />
        </Card>
      ) : null}
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('surveys.links.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('surveys.links.text')}
        </Text>
        {s.links.length > 0 ? (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" data-testid="links-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.links.label')}</Table.Th>
                  <Table.Th>{t('surveys.fields.responses')}</Table.Th>
                  <Table.Th>{t('surveys.links.closesOn')}</Table.Th>
                  <Table.Th>{t('surveys.fields.status')}</Table.Th>
                  <Table.Th>{t('surveys.links.address')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.links.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.label ?? '—'}</Table.Td>
                    <Table.Td>
                      {formatNumber(l.responses)}
                      {l.maxResponses !== null ? ` / ${formatNumber(l.maxResponses)}` : ''}
                    </Table.Td>
                    <Table.Td>{l.closesAt ? formatDateTime(l.closesAt) : '—'}</Table.Td>
                    <Table.Td>{t(l.open ? 'surveys.links.open' : 'surveys.links.closed')}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={surveyPaths.publicLink(l.token)}
                          size="sm"
                          data-testid="public-link"
                        >
                          {t('surveys.links.openForm')}
                        </Anchor>
                        <CopyButton value={`${origin}${surveyPaths.publicLink(l.token)}`}>
                          {({ copied, copy }) => (
                            <Button size="compact-xs" variant="default" onClick={copy}>
                              {t(copied ? 'surveys.links.copied' : 'surveys.links.copy')}
                            </Button>
                          )}
                        </CopyButton>
                        {canManage && l.open ? (
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => endLink.mutate({ params: { id, linkId: l.id } })}
                          >
                            {t('surveys.links.close')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm">{t('surveys.links.none')}</Text>
        )}
        {canManage && s.status !== 'closed' ? (
          <Stack mt="md">
            <NewLink id={id} />
          </Stack>
        ) : null}
      </Card>
      {canManage && s.status === 'published' ? (
        <Group>
          <Button
            color="red.9"
            variant="outline"
            onClick={() => close.mutate({ params: { id } })}
            loading={close.isPending}
          >
            {t('surveys.close')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
