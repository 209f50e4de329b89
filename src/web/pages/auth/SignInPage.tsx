import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceMobileMessage, IconFlask, IconKey, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { useRefreshMe } from '../../api/session.ts';
import * as op from '../../../common/contracts/identity.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';

/**
 * What a sign-in step does once the server accepts it: it reloads the session, and the route guards
 * (SignedOutOnly, StageOnly in app/routes.tsx) take the person to the next step or to where they were
 * going. One place decides the destination: a second navigation from here raced the guards' redirect,
 * so a click made right after the shell appeared could be undone by a late jump home.
 */
export function useAfterSignIn() {
  const refreshMe = useRefreshMe();
  return async (_result: op.SignInResult) => {
    await refreshMe();
  };
}

function PasswordSignIn() {
  const { t } = useTranslation();
  const afterSignIn = useAfterSignIn();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('errors.validation.required')),
      password: (v) => (v ? null : t('errors.validation.required')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['email', 'password']);
  // Busy until who is signed in has been read again (onSuccess is part of the mutation).
  const signingIn = useOpMutation(op.signIn, { onSuccess: afterSignIn });

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      await signingIn.mutateAsync({ body: { email: values.email.trim(), password: values.password } });
    } catch (err) {
      handle(err);
      form.setFieldValue('password', '');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('auth.passwordTab')}>
      <Stack>
        <ProblemAlert problem={problem} />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          data-autofocus
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Group justify="space-between" wrap="wrap">
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('auth.forgotPassword')}
          </Anchor>
          <Button type="submit" loading={signingIn.isPending} data-testid="sign-in-submit">
            {t('auth.signIn')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CodeSignIn() {
  const { t } = useTranslation();
  const afterSignIn = useAfterSignIn();
  const [sentTo, setSentTo] = useState<string | null>(null);
  /** On a demo instance, a demo job seeker's code comes back with the request (fictional people only). */
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const requesting = useOpMutation(op.requestSignInCode);
  const verifying = useOpMutation(op.signInWithCode, { onSuccess: afterSignIn });
  const busy = requesting.isPending || verifying.isPending;
  const identifierForm = useForm({
    mode: 'controlled',
    initialValues: { identifier: '' },
    validate: { identifier: (v) => (v.trim().length >= 3 ? null : t('auth.identifierHint')) },
  });
  const codeForm = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (v) => (/^\s*\d{6}\s*$/.test(v) ? null : t('auth.codeHint')) },
  });
  const requestProblem = useFormProblem(identifierForm, ['identifier']);
  const verifyProblem = useFormProblem(codeForm, ['code']);

  async function requestCode(identifier: string) {
    requestProblem.clear();
    try {
      const sent = await requesting.mutateAsync({ body: { identifier } });
      setDemoCode(sent.demoCode ?? null);
      setSentTo(identifier);
      codeForm.reset();
    } catch (err) {
      requestProblem.handle(err);
    }
  }

  const verify = codeForm.onSubmit(async (values) => {
    if (!sentTo) return;
    verifyProblem.clear();
    try {
      await verifying.mutateAsync({ body: { identifier: sentTo, code: values.code.trim() } });
    } catch (err) {
      verifyProblem.handle(err);
    }
  });

  if (!sentTo) {
    return (
      <form
        onSubmit={identifierForm.onSubmit((v) => void requestCode(v.identifier.trim()))}
        noValidate
        aria-label={t('auth.codeTab')}
      >
        <Stack>
          <Text size="sm">{t('auth.codeIntro')}</Text>
          <ProblemAlert problem={requestProblem.problem} />
          <TextInput
            label={t('auth.identifier')}
            description={t('auth.identifierHint')}
            autoComplete="username"
            required
            {...identifierForm.getInputProps('identifier')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="send-code">
              {t('auth.sendCode')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={verify} noValidate aria-label={t('auth.codeTab')}>
      <Stack>
        <Alert color="teal" variant="light" icon={<IconMailCheck aria-hidden />} role="status">
          {t('auth.codeSent')} <span className="ltr">{sentTo}</span>
        </Alert>
        {demoCode ? (
          <Alert color="yellow" variant="light" icon={<IconFlask aria-hidden />} data-testid="demo-code">
            {t('demo.signInCode')}{' '}
            <Text span fw={700} className="ltr">
              {demoCode}
            </Text>
          </Alert>
        ) : null}
        <ProblemAlert problem={verifyProblem.problem} />
        <TextInput
          label={t('auth.code')}
          description={t('auth.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          required
          classNames={{ input: 'ltr' }}
          {...codeForm.getInputProps('code')}
        />
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Button variant="subtle" onClick={() => void requestCode(sentTo)} disabled={busy}>
              {t('auth.sendAgain')}
            </Button>
            <Button variant="subtle" onClick={() => setSentTo(null)} disabled={busy}>
              {t('auth.changeIdentifier')}
            </Button>
          </Group>
          <Button type="submit" loading={busy} data-testid="verify-code">
            {t('auth.signIn')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TabLabel({ label, who }: { label: string; who: string }) {
  return (
    <Stack gap={0} align="flex-start">
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Text size="xs" c="dimmed">
        {who}
      </Text>
    </Stack>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <Tabs defaultValue="password" keepMounted={false}>
        <Tabs.List grow mb="md">
          <Tabs.Tab value="password" leftSection={<IconKey size={18} aria-hidden />} data-testid="password-tab">
            <TabLabel label={t('auth.passwordTab')} who={t('auth.passwordTabWho')} />
          </Tabs.Tab>
          <Tabs.Tab value="code" leftSection={<IconDeviceMobileMessage size={18} aria-hidden />} data-testid="code-tab">
            <TabLabel label={t('auth.codeTab')} who={t('auth.codeTabWho')} />
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="password">
          <PasswordSignIn />
        </Tabs.Panel>
        <Tabs.Panel value="code">
          <CodeSignIn />
        </Tabs.Panel>
      </Tabs>
    </AuthLayout>
  );
}
