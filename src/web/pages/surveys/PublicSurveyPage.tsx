import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Card, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, useDocumentTitle } from '../../components/ui.tsx';
import { textIn } from '../../../common/surveys.ts';
import { publicSurvey, submitPublicResponse } from '../../../common/contracts/surveys.ts';
import { PublicLayout } from '../self-service/PublicLayout.tsx';
import { SurveyAnswerForm, useLocale } from './SurveyForm.tsx';

/**
 * A survey behind its public link: no sign-in, nothing stored in the browser, in Turkish, English or
 * Arabic (right to left) as the language switch says; the token in the address is not personal data.
 */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const form = useOp(publicSurvey, { params: { token } }, { retry: false });
  const submit = useOpMutation(submitPublicResponse);
  const [done, setDone] = useState(false);
  const title = form.data ? textIn(form.data.title, locale) : t('surveys.public.title');
  useDocumentTitle(title);

  let body;
  if (form.isPending) body = <InlineLoader />;
  else if (form.error) {
    const problem = toProblem(form.error);
    body =
      problem.status === 410 || problem.status === 404 ? (
        <Alert color="gray" title={t('surveys.public.unavailable')} data-testid="survey-unavailable">
          {problem.detail}
        </Alert>
      ) : (
        <LoadError problem={problem} onRetry={() => void form.refetch()} />
      );
  } else if (done)
    body = (
      <Alert
        color="teal"
        icon={<IconCircleCheck aria-hidden />}
        title={t('surveys.public.thanks')}
        data-testid="survey-thanks"
      >
        {t('surveys.public.thanksText')}
      </Alert>
    );
  else
    body = (
      <SurveyAnswerForm
        questions={form.data.questions}
        busy={submit.isPending}
        problem={submit.error ? toProblem(submit.error) : null}
        submitLabel={t('surveys.public.send')}
        onSubmit={(answers, specialConsent) =>
          submit.mutate(
            { params: { token }, body: { versionId: form.data.versionId, answers, specialConsent, locale } },
            { onSuccess: () => setDone(true) },
          )
        }
      />
    );

  return (
    <PublicLayout>
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={1} size="h2">
            {title}
          </Title>
          {form.data?.description ? <Text c="dimmed">{textIn(form.data.description, locale)}</Text> : null}
          {!done && form.data ? (
            <Text size="sm" c="dimmed">
              {t('surveys.public.anonymous')}
            </Text>
          ) : null}
          {body}
        </Stack>
      </Card>
    </PublicLayout>
  );
}
