import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { formatDate } from '../../components/format.ts';
import { InlineLoader, LoadError, useDocumentTitle } from '../../components/ui.tsx';
import { VISITOR_SEXES, type VisitorSex } from '../../../common/fairs.ts';
import { publicFair, walkIn } from '../../../common/contracts/fairs.ts';
import { PublicLayout } from '../self-service/PublicLayout.tsx';
import { useLocale } from '../surveys/SurveyForm.tsx';

const FIELDS = ['givenName', 'familyName', 'phone', 'sex', 'noticeAccepted'] as const;
/** Touch targets of at least 44 px on a phone (WCAG 2.5.5). */
const TARGET = 44;

/**
 * A fair's walk-in registration, reached by the QR code at the entrance: no sign-in, on a phone, in
 * Turkish, English or Arabic (right to left) as the language switch says. Minimal data (name, an
 * optional phone, woman/man/not stated), the KVKK notice to confirm; rate-limited on the server.
 */
export function WalkInPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const fair = useOp(publicFair, { params: { token } }, { retry: false });
  const register = useOpMutation(walkIn);
  const [done, setDone] = useState(false);
  const form = useForm({
    initialValues: {
      givenName: '',
      familyName: '',
      phone: '',
      sex: 'unstated' as VisitorSex,
      contactAllowed: false,
      noticeAccepted: false,
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  useDocumentTitle(fair.data?.name ?? t('fairs.walkIn.title'));

  let body;
  if (fair.isPending) body = <InlineLoader />;
  else if (fair.error) {
    const p = toProblem(fair.error);
    body =
      p.status === 404 ? (
        <Alert color="gray" title={t('fairs.walkIn.unavailable')} data-testid="walk-in-unavailable">
          {p.detail}
        </Alert>
      ) : (
        <LoadError problem={p} onRetry={() => void fair.refetch()} />
      );
  } else if (!fair.data.open)
    body = (
      <Alert color="gray" title={t('fairs.walkIn.unavailable')} data-testid="walk-in-closed">
        {t('fairs.walkIn.closed')}
      </Alert>
    );
  else if (done)
    body = (
      <Alert
        color="teal"
        icon={<IconCircleCheck aria-hidden />}
        title={t('fairs.walkIn.thanks')}
        data-testid="walk-in-thanks"
        role="status"
      >
        {t('fairs.walkIn.thanksText')}
      </Alert>
    );
  else
    body = (
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          clear();
          register.mutate(
            {
              params: { token },
              body: {
                givenName: v.givenName,
                familyName: v.familyName,
                phone: v.phone.trim() || null,
                sex: v.sex,
                contactAllowed: v.contactAllowed,
                noticeAccepted: v.noticeAccepted,
                locale,
              },
            },
            { onSuccess: () => setDone(true), onError: handle },
          );
        })}
      >
        <Stack gap="md">
          <Text>{t('fairs.walkIn.intro')}</Text>
          <ProblemAlert problem={problem} />
          <TextInput
            size="lg"
            label={t('fairs.walkIn.givenName')}
            autoComplete="given-name"
            required
            maxLength={80}
            data-testid="walk-in-given-name"
            {...form.getInputProps('givenName')}
          />
          <TextInput
            size="lg"
            label={t('fairs.walkIn.familyName')}
            autoComplete="family-name"
            required
            maxLength={80}
            data-testid="walk-in-family-name"
            {...form.getInputProps('familyName')}
          />
          <TextInput
            size="lg"
            type="tel"
            inputMode="tel"
            dir="ltr"
            label={t('fairs.walkIn.phone')}
            description={t('fairs.walkIn.phoneHint')}
            autoComplete="tel"
            maxLength={30}
            data-testid="walk-in-phone"
            {...form.getInputProps('phone')}
          />
          <Radio.Group label={t('fairs.walkIn.sex')} {...form.getInputProps('sex')}>
            <Stack gap="xs" mt="xs">
              {VISITOR_SEXES.map((s) => (
                <Radio.Card key={s} value={s} p="sm" radius="md" mih={TARGET} data-testid={`walk-in-sex-${s}`}>
                  <Group wrap="nowrap" gap="sm">
                    <Radio.Indicator />
                    <Text>{t(`fairs.sexes.${s}`)}</Text>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          <Checkbox.Card
            p="sm"
            radius="md"
            mih={TARGET}
            checked={form.values.contactAllowed}
            onChange={(checked) => form.setFieldValue('contactAllowed', checked)}
            data-testid="walk-in-contact"
          >
            <Group wrap="nowrap" gap="sm">
              <Checkbox.Indicator />
              <Text>{t('fairs.walkIn.contactAllowed')}</Text>
            </Group>
          </Checkbox.Card>
          <Text size="sm" c="dimmed" data-testid="walk-in-notice">
            {t('fairs.walkIn.notice', { organisation: fair.data.organisation })}
          </Text>
          <Checkbox.Card
            p="sm"
            radius="md"
            mih={TARGET}
            checked={form.values.noticeAccepted}
            onChange={(checked) => form.setFieldValue('noticeAccepted', checked)}
            data-testid="walk-in-notice-accepted"
            aria-invalid={form.errors.noticeAccepted ? true : undefined}
          >
            <Group wrap="nowrap" gap="sm">
              <Checkbox.Indicator />
              <Text>{t('fairs.walkIn.noticeAccepted')}</Text>
            </Group>
          </Checkbox.Card>
          {form.errors.noticeAccepted ? (
            <Text c="red.8" size="sm" role="alert">
              {form.errors.noticeAccepted}
            </Text>
          ) : null}
          <Button type="submit" size="lg" fullWidth loading={register.isPending} data-testid="walk-in-submit">
            {t('fairs.walkIn.submit')}
          </Button>
        </Stack>
      </form>
    );

  return (
    <PublicLayout>
      <Card withBorder padding="md">
        <Stack gap="md">
          <Title order={1} size="h2">
            {fair.data?.name ?? t('fairs.walkIn.title')}
          </Title>
          {fair.data ? (
            <Text c="dimmed" dir="auto">
              {t('fairs.walkIn.when', {
                start: formatDate(fair.data.startDate),
                end: formatDate(fair.data.endDate),
                place: fair.data.place,
                district: fair.data.district,
              })}
            </Text>
          ) : null}
          {body}
        </Stack>
      </Card>
    </PublicLayout>
  );
}
