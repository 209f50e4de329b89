import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { svgDataUrl } from './svg.ts';
import { useOpMutation } from '../api/ops.ts';
import { confirmTotp, startTotp, type TotpSetup } from '../../common/contracts/identity.ts';
import { ProblemAlert, useFormProblem } from './problems.tsx';

/** An SVG from the server shown as an image (never as markup). */

/** Groups a TOTP secret in fours so that it can be typed in by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * TOTP enrolment: start (POST /me/mfa/totp/setup), scan the QR code or type the secret, confirm with
 * a code (POST /me/mfa/totp/confirm). Hands the recovery codes to `onEnrolled`.
 */
export function TotpEnrolment({
  onEnrolled,
  onCancel,
}: {
  onEnrolled: (codes: string[]) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const starting = useOpMutation(startTotp);
  const confirming = useOpMutation(confirmTotp);
  const busy = starting.isPending || confirming.isPending;
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (v) => (/^\s*\d{6}\s*$/.test(v) ? null : t('auth.codeHint')) },
  });
  const start = useFormProblem();
  const confirm = useFormProblem(form, ['code']);

  async function begin() {
    start.clear();
    try {
      setSetup(await starting.mutateAsync({}));
    } catch (err) {
      start.handle(err);
    }
  }

  const submit = form.onSubmit(async (values) => {
    confirm.clear();
    try {
      const result = await confirming.mutateAsync({ body: { code: values.code.trim() } });
      onEnrolled(result.recoveryCodes);
    } catch (err) {
      confirm.handle(err);
    }
  });

  if (!setup) {
    return (
      <Stack>
        <Text>{t('mfa.intro')}</Text>
        <ProblemAlert problem={start.problem} />
        <Group>
          <Button onClick={() => void begin()} loading={busy} data-testid="mfa-start">
            {t('mfa.start')}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('mfa.scan')}</Text>
        <Group align="flex-start" gap="lg" wrap="wrap">
          <img className="qr-image" src={svgDataUrl(setup.qrSvg)} alt={t('mfa.qrAlt')} />
          <Stack gap="xs" maw={320}>
            <Text size="sm">{t('mfa.manual')}</Text>
            <Group gap="xs" wrap="wrap">
              <Code className="ltr" fz="md" data-testid="mfa-secret">
                {groupSecret(setup.secret)}
              </Code>
              <CopyButton value={setup.secret}>
                {({ copied, copy }) => (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Group>
        <ProblemAlert problem={confirm.problem} />
        <TextInput
          label={t('mfa.codeLabel')}
          description={t('mfa.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          required
          maw={240}
          classNames={{ input: 'ltr' }}
          {...form.getInputProps('code')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('mfa.confirm')}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

/** Recovery codes, shown once: copy them or print this page, then confirm. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="recovery-codes">
      <Title order={2} size="h4">
        {t('mfa.recoveryTitle')}
      </Title>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        {t('mfa.recoveryOnce')}
      </Alert>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" className="codes-grid" maw={420}>
        {codes.map((code) => (
          <Code key={code} fz="md" p="xs">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group className="no-print">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            >
              {copied ? t('common.copied') : t('mfa.copyCodes')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => window.print()} leftSection={<IconPrinter size={16} />}>
          {t('mfa.printCodes')}
        </Button>
        <Button onClick={onDone} data-testid="recovery-done">
          {t('mfa.savedCodes')}
        </Button>
      </Group>
    </Stack>
  );
}
