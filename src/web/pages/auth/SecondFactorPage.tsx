import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { secondFactor } from '../../../common/contracts/identity.ts';
import { useSignOut } from '../../app/signOut.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { useAfterSignIn } from './SignInPage.tsx';

/** Second step of a staff sign-in: a code from the authenticator app, or one of the recovery codes. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const afterSignIn = useAfterSignIn();
  const signOut = useSignOut();
  const verifying = useOpMutation(secondFactor, { onSuccess: afterSignIn });
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (v) => (v.replace(/\s/g, '').length >= 6 ? null : t('mfa.secondFactorHint')) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['code']);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      await verifying.mutateAsync({ body: { code: values.code.trim() } });
    } catch (err) {
      handle(err);
    }
  });

  return (
    <AuthLayout title={t('mfa.secondFactorTitle')} subtitle={t('mfa.secondFactorText')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} />
          <TextInput
            label={t('mfa.secondFactorLabel')}
            description={t('mfa.secondFactorHint')}
            autoComplete="one-time-code"
            maxLength={20}
            required
            data-autofocus
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('code')}
          />
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => void signOut()}>
              {t('auth.cancelSignIn')}
            </Button>
            <Button type="submit" loading={verifying.isPending}>
              {t('mfa.verify')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
