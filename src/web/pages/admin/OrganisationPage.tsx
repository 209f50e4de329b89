import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import { ME_KEY } from '../../api/session.ts';
import * as op from '../../../common/contracts/identity.ts';
import type { Organisation } from '../../../common/contracts/identity.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';

const ORG_KEY = opKey(op.getOrganisation);

function OrganisationForm({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const saving = useOpMutation(op.updateOrganisation);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: organisation.name, shortName: organisation.shortName, requireMfa: organisation.requireMfa },
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      shortName: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['name', 'shortName', 'requireMfa']);
  const { setValues, resetDirty } = form;

  useEffect(() => {
    setValues({ name: organisation.name, shortName: organisation.shortName, requireMfa: organisation.requireMfa });
    resetDirty();
    // Only when the saved record changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organisation]);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const updated = await saving.mutateAsync({
        body: { name: values.name.trim(), shortName: values.shortName.trim(), requireMfa: values.requireMfa },
      });
      client.setQueryData(ORG_KEY, updated);
      await client.invalidateQueries({ queryKey: ME_KEY });
      notifySuccess(t('common.saved'));
    } catch (err) {
      handle(err);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={560}>
        <ProblemAlert problem={problem} />
        <TextInput label={t('admin.organisation.name')} required {...form.getInputProps('name')} />
        <TextInput
          label={t('admin.organisation.shortName')}
          description={t('admin.organisation.shortNameHint')}
          required
          maxLength={30}
          {...form.getInputProps('shortName')}
        />
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Switch
              label={t('admin.organisation.requireMfa')}
              description={t('admin.organisation.requireMfaHint')}
              {...form.getInputProps('requireMfa', { type: 'checkbox' })}
            />
            {form.values.requireMfa && !organisation.requireMfa ? (
              <Alert color="yellow" variant="light" icon={<IconShieldCheck aria-hidden />}>
                {t('admin.organisation.requireMfaEffect')}
              </Alert>
            ) : null}
          </Stack>
        </Card>
        <Group>
          <Button type="submit" loading={saving.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const organisation = useOp(op.getOrganisation, undefined);
  return (
    <Stack gap="md">
      <PageHeader title={t('admin.organisation.title')} description={t('admin.organisation.description')} />
      <Card withBorder padding="lg">
        {organisation.isPending ? (
          <InlineLoader />
        ) : organisation.error ? (
          <LoadError problem={toProblem(organisation.error)} onRetry={() => void organisation.refetch()} />
        ) : (
          <Stack>
            <Text size="sm" c="dimmed">
              {t('admin.organisation.province', { province: organisation.data.province })}
            </Text>
            <OrganisationForm organisation={organisation.data} />
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
