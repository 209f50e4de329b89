import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconHelpCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDate } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, useDocumentTitle } from '../../components/ui.tsx';
import { verifyCertificate } from '../../../common/contracts/courses.ts';
import { PublicLayout } from '../self-service/PublicLayout.tsx';
import { localTitle } from './labels.ts';

/** The shape of a code (not text to translate). */
const CODE_PLACEHOLDER = 'XXXX-XXXX-XXXX';

function Result({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const check = useOp(verifyCertificate, { params: { code } });
  if (check.isPending) return <InlineLoader />;
  if (check.error) return <LoadError problem={toProblem(check.error)} onRetry={() => void check.refetch()} />;
  const v = check.data;
  if (v.status === 'unknown')
    return (
      <Alert
        color="gray"
        icon={<IconHelpCircle aria-hidden />}
        title={t('courses.verify.unknown')}
        data-testid="verify-result"
        data-status="unknown"
      >
        {t('courses.verify.unknownText')}
      </Alert>
    );
  const valid = v.status === 'valid';
  return (
    <Alert
      color={valid ? 'teal' : 'red'}
      icon={valid ? <IconCircleCheck aria-hidden /> : <IconCircleX aria-hidden />}
      title={t(valid ? 'courses.verify.valid' : 'courses.verify.revoked')}
      data-testid="verify-result"
      data-status={v.status}
    >
      <Stack gap={4}>
        <Text>{t('courses.verify.holder', { initials: v.initials ?? '' })}</Text>
        {v.course ? <Text fw={600}>{localTitle(v.course, i18n.language)}</Text> : null}
        {v.type ? <Text size="sm">{t(`courses.certificateTypes.${v.type}`)}</Text> : null}
        {v.externalNumber ? (
          <Text size="sm">{t('courses.verify.externalNumber', { number: v.externalNumber })}</Text>
        ) : null}
        {v.organisation ? <Text size="sm">{v.organisation}</Text> : null}
        {v.issuedOn ? <Text size="sm">{t('courses.verify.issuedOn', { date: formatDate(v.issuedOn) })}</Text> : null}
        {v.revokedOn ? <Text size="sm">{t('courses.verify.revokedOn', { date: formatDate(v.revokedOn) })}</Text> : null}
      </Stack>
    </Alert>
  );
}

/** The public check of a certificate by its code (what the certificate's QR code opens). */
export function VerifyCertificatePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  useDocumentTitle(t('courses.verify.title'));
  return (
    <PublicLayout>
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('courses.verify.title')}
          </Title>
          <Text c="dimmed">{t('courses.verify.intro')}</Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim()) void navigate(`/verify/${encodeURIComponent(typed.trim())}`);
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('courses.verify.code')}
                placeholder={CODE_PLACEHOLDER}
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                dir="ltr"
                autoComplete="off"
                w={{ base: '100%', sm: 260 }}
                data-testid="verify-code"
              />
              <Button type="submit">{t('courses.verify.check')}</Button>
            </Group>
          </form>
          {code ? <Result code={code} /> : null}
        </Stack>
      </Card>
    </PublicLayout>
  );
}
