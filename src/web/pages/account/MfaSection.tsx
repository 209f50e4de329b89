import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import { ME_KEY } from '../../api/session.ts';
import * as op from '../../../common/contracts/identity.ts';
import { formatDateTime } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { RecoveryCodes, TotpEnrolment } from '../../components/Totp.tsx';
import { ConfirmDialog, InlineLoader, LoadError } from '../../components/ui.tsx';

export function MfaSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useOp(op.getMfa, undefined);
  const regenerating = useOpMutation(op.regenerateRecoveryCodes);
  const disabling = useOpMutation(op.disableTotp);
  const busy = regenerating.isPending || disabling.isPending;
  const [mode, setMode] = useState<'view' | 'enrol' | 'disable'>('view');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const [password, setPassword] = useState('');
  const disableProblem = useFormProblem();

  async function refresh() {
    await client.invalidateQueries({ queryKey: opKey(op.getMfa) });
    await client.invalidateQueries({ queryKey: ME_KEY });
  }

  async function regenerate() {
    try {
      const result = await regenerating.mutateAsync({});
      setCodes(result.recoveryCodes);
      setConfirmRegenerate(false);
      await refresh();
    } catch (err) {
      notifyProblem(err);
    }
  }

  async function disable() {
    disableProblem.clear();
    try {
      await disabling.mutateAsync({ body: { password } });
      setPassword('');
      setMode('view');
      notifySuccess(t('mfa.disabled'));
      await refresh();
    } catch (err) {
      disableProblem.handle(err);
    }
  }

  let body;
  if (status.isPending) body = <InlineLoader />;
  else if (status.error) body = <LoadError problem={toProblem(status.error)} onRetry={() => void status.refetch()} />;
  else if (codes) {
    body = <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  } else if (mode === 'enrol') {
    body = (
      <TotpEnrolment
        onCancel={() => setMode('view')}
        onEnrolled={(recovery) => {
          setCodes(recovery);
          setMode('view');
          notifySuccess(t('mfa.enabled'));
          void refresh();
        }}
      />
    );
  } else {
    const s = status.data;
    body = (
      <Stack>
        <Group gap="sm">
          <Badge color={s.enabled ? 'teal.8' : 'gray.7'} variant="filled">
            {s.enabled ? t('mfa.on') : t('mfa.off')}
          </Badge>
          {s.enabled && s.enabledAt ? (
            <Text size="sm" c="dimmed">
              {t('mfa.enabledAt', { date: formatDateTime(s.enabledAt) })}
            </Text>
          ) : null}
        </Group>
        {s.requiredByOrganisation ? (
          <Alert variant="light" color="indigo" icon={<IconInfoCircle aria-hidden />}>
            {t('mfa.requiredByOrganisation')}
          </Alert>
        ) : null}
        {s.enabled ? (
          <>
            <Text size="sm">{t('mfa.codesLeft', { left: s.recoveryCodesLeft })}</Text>
            {mode === 'disable' ? (
              <Stack maw={420}>
                <ProblemAlert problem={disableProblem.problem} />
                <PasswordInput
                  label={t('mfa.disablePassword')}
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Group>
                  <Button color="red.8" loading={busy} onClick={() => void disable()} disabled={!password}>
                    {t('mfa.disable')}
                  </Button>
                  <Button variant="default" onClick={() => setMode('view')}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Group>
                <Button variant="default" onClick={() => setConfirmRegenerate(true)}>
                  {t('mfa.regenerate')}
                </Button>
                {!s.requiredByOrganisation ? (
                  <Button variant="subtle" color="red.8" onClick={() => setMode('disable')}>
                    {t('mfa.disable')}
                  </Button>
                ) : null}
              </Group>
            )}
          </>
        ) : (
          <Group>
            <Button onClick={() => setMode('enrol')}>{t('mfa.setUp')}</Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="mfa-title">
      <Title order={2} size="h4" id="mfa-title" mb="xs">
        {t('mfa.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('mfa.description')}
      </Text>
      {body}
      <ConfirmDialog
        opened={confirmRegenerate}
        title={t('mfa.regenerate')}
        message={t('mfa.regenerateConfirm')}
        confirmLabel={t('mfa.regenerate')}
        loading={busy}
        onConfirm={() => void regenerate()}
        onCancel={() => setConfirmRegenerate(false)}
      />
    </Card>
  );
}
