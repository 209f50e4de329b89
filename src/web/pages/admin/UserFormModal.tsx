import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { looksLikeEmail } from '../../../common/contact.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';
import { useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/identity.ts';
import type { Office, Role, User, UserKind } from '../../../common/contracts/identity.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { roleName } from './labels.ts';
import { roleKind } from './useReferenceLists.ts';
import { changedValues } from '../../components/changedValues.ts';

const KINDS: UserKind[] = ['staff', 'employer', 'seeker'];
const FIELDS = ['kind', 'fullName', 'email', 'phone', 'officeId', 'roleIds', 'locale'] as const;

interface Values {
  kind: UserKind;
  fullName: string;
  email: string;
  phone: string;
  officeId: string | null;
  roleIds: string[];
  locale: Locale;
}

export function UserFormModal({
  user,
  roles,
  offices,
  onClose,
  onSaved,
}: {
  user: User | null;
  roles: Role[];
  offices: Office[];
  onClose: () => void;
  onSaved: (user: User, created: boolean) => void;
}) {
  const { t } = useTranslation();
  // The user list is read again after a save.
  const creating = useOpMutation(op.createUser, { invalidates: ['/users'] });
  const updating = useOpMutation(op.updateUser, { invalidates: ['/users'] });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      kind: user?.kind ?? 'staff',
      fullName: user?.fullName ?? '',
      email: user?.email ?? '',
      phone: user?.phone ?? '',
      officeId: user?.office?.id ?? null,
      roleIds: user?.roles.map((r) => r.id) ?? [],
      locale: user?.locale ?? 'tr',
    },
    validate: {
      fullName: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      email: (v, values) => {
        if (v.trim() && !looksLikeEmail(v)) return t('errors.validation.format.email');
        if (!v.trim() && !values.phone.trim()) return t('errors.users.contactRequired');
        return null;
      },
      roleIds: (v) => (v.length > 0 ? null : t('errors.users.roleRequired')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const kindRoles = roles.filter((r) => roleKind(r) === form.values.kind);
  const activeOffices = offices.filter((o) => o.active || o.id === form.values.officeId);

  function changeKind(kind: UserKind) {
    const allowed = new Set(roles.filter((r) => roleKind(r) === kind).map((r) => r.id));
    form.setValues({ kind, roleIds: form.values.roleIds.filter((id) => allowed.has(id)) });
  }

  const submit = form.onSubmit(async (values) => {
    clear();
    const body = {
      fullName: values.fullName.trim(),
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      officeId: values.officeId || null,
      roleIds: values.roleIds,
      locale: values.locale,
    };
    try {
      if (user) {
        const before = {
          fullName: user.fullName,
          email: user.email,
          phone: user.phone,
          officeId: user.office?.id ?? null,
          roleIds: user.roles.map((r) => r.id),
          locale: user.locale,
        };
        const changed = changedValues(body, before);
        if (Object.keys(changed).length === 0) {
          onClose();
          return;
        }
        onSaved(await updating.mutateAsync({ params: { id: user.id }, body: changed }), false);
      } else {
        onSaved(await creating.mutateAsync({ body: { kind: values.kind, ...body } }), true);
      }
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Modal opened onClose={onClose} title={user ? t('admin.users.editTitle') : t('admin.users.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {user ? null : <Text size="sm">{t('admin.users.createText')}</Text>}
          <ProblemAlert problem={problem} />
          {user ? null : (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="user-kind-label">
                {t('admin.users.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="user-kind-label"
                value={form.values.kind}
                onChange={(v) => changeKind(v)}
                data={KINDS.map((k) => ({ value: k, label: t(`admin.users.kinds.${k}`) }))}
                fullWidth
              />
            </Stack>
          )}
          <TextInput
            label={t('admin.users.fullName')}
            required
            autoComplete="off"
            {...form.getInputProps('fullName')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="off"
              classNames={{ input: 'ltr' }}
              miw={220}
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('account.phone')}
              type="tel"
              description={t('admin.users.phoneHint')}
              autoComplete="off"
              classNames={{ input: 'ltr' }}
              miw={220}
              {...form.getInputProps('phone')}
            />
          </Group>
          <MultiSelect
            label={t('admin.users.roles')}
            required
            data={kindRoles.map((r) => ({ value: r.id, label: roleName(r) }))}
            nothingFoundMessage={t('common.noOptions')}
            searchable
            {...form.getInputProps('roleIds')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('admin.users.office')}
              data={activeOffices.map((o) => ({ value: o.id, label: o.name }))}
              clearable
              searchable
              placeholder={t('admin.users.allOffices')}
              miw={220}
              {...form.getInputProps('officeId')}
            />
            <Select
              label={t('admin.users.locale')}
              data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              allowDeselect={false}
              miw={160}
              {...form.getInputProps('locale')}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={creating.isPending || updating.isPending} data-testid="user-save">
              {user ? t('common.save') : t('admin.users.invite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
