import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasAny, useMe } from '../../api/session.ts';
import { callOp, useOp, useOpMutation } from '../../api/ops.ts';
import { notifySuccess, toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { textIn } from '../../../common/surveys.ts';
import { enterResponse, getSurvey } from '../../../common/contracts/surveys.ts';
import { searchPersons } from '../../../common/contracts/people.ts';
import { SurveyAnswerForm, surveyPaths, useLocale } from './SurveyForm.tsx';

interface Found {
  id: string;
  givenName: string;
  familyName: string;
  district: string;
}

/**
 * Staff entry of a response: a phone interview (anonymous, the interviewer recorded), or for a registered
 * person who gave survey consent (the answers are then linked to the case). The search words travel in
 * a request body, never in the address.
 */
export function EnterResponsePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const canSearch = hasAny(me, ['persons:read']);
  const survey = useOp(getSurvey, { params: { id } });
  const enter = useOpMutation(enterResponse, { invalidates: [`/surveys/${id}`] });
  const [words, setWords] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [personId, setPersonId] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  if (survey.isPending) return <InlineLoader />;
  if (survey.error) return <LoadError problem={toProblem(survey.error)} onRetry={() => void survey.refetch()} />;
  const s = survey.data;
  const title = textIn(s.title, locale);
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={surveyPaths.list} size="sm">
          {t('surveys.title')}
        </Anchor>
        <Anchor component={Link} to={surveyPaths.survey(id)} size="sm">
          {title}
        </Anchor>
        <Text size="sm">{t('surveys.entry.title')}</Text>
      </Breadcrumbs>
      <PageHeader title={t('surveys.entry.title')} description={t('surveys.entry.description')} />
      {!s.published ? (
        <Alert color="gray">{t('surveys.entry.notPublished')}</Alert>
      ) : (
        <>
          {canSearch ? (
            <Card withBorder padding="md">
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void callOp(searchPersons, { body: { q: words, page: 1, pageSize: 10 } }).then((r) =>
                    setFound(r.items),
                  );
                }}
              >
                <Group align="flex-end" wrap="wrap">
                  <TextInput
                    label={t('surveys.entry.findPerson')}
                    value={words}
                    onChange={(e) => setWords(e.currentTarget.value)}
                    autoComplete="off"
                  />
                  <Button type="submit" variant="default">
                    {t('surveys.entry.search')}
                  </Button>
                  <Select
                    label={t('surveys.entry.person')}
                    placeholder={t('surveys.entry.anonymous')}
                    clearable
                    data={found.map((p) => ({ value: p.id, label: `${p.givenName} ${p.familyName} · ${p.district}` }))}
                    value={personId}
                    onChange={setPersonId}
                    w={320}
                  />
                </Group>
                <Text size="xs" c="dimmed" mt="xs">
                  {t('surveys.entry.consentRule')}
                </Text>
              </form>
            </Card>
          ) : null}
          <Card withBorder padding="md">
            <SurveyAnswerForm
              key={round}
              questions={s.published.questions}
              busy={enter.isPending}
              problem={enter.error ? toProblem(enter.error) : null}
              submitLabel={t('surveys.entry.save')}
              onSubmit={(answers, specialConsent) =>
                enter.mutate(
                  { params: { id }, body: { personId, answers, specialConsent, locale } },
                  {
                    onSuccess: () => {
                      notifySuccess(t('surveys.entry.saved'));
                      setPersonId(null);
                      setRound((n) => n + 1);
                      enter.reset();
                    },
                  },
                )
              }
            />
          </Card>
        </>
      )}
    </Stack>
  );
}
