import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { isPermission } from '../../../common/permissions.ts';
import * as op from '../../../common/contracts/identity.ts';
import type { Role } from '../../../common/contracts/identity.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { groupPermissions, permissionLabel, roleName } from './labels.ts';
import { roleKind, useRoles } from './useReferenceLists.ts';

type Editing = { mode: 'view' | 'edit'; role: Role } | { mode: 'new'; from?: Role };

function RoleModal({
  editing,
  available,
  onClose,
  onSaved,
}: {
  editing: Editing;
  available: string[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const readOnly = editing.mode === 'view';
  const source = editing.mode === 'new' ? editing.from : editing.role;
  const creating = useOpMutation(op.createRole, { invalidates: ['/roles'] });
  const updating = useOpMutation(op.updateRole, { invalidates: ['/roles'] });
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name:
        editing.mode === 'new'
          ? source
            ? t('admin.roles.copyOf', { name: roleName(source) })
            : ''
          : roleName(editing.role),
      permissions: source?.permissions ?? [],
    },
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      permissions: (v) => (v.length > 0 ? null : t('errors.validation.minItems', { limit: 1 })),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['name', 'permissions']);
  const groups = groupPermissions(available);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const body = { name: values.name.trim(), permissions: values.permissions.filter(isPermission) };
      if (editing.mode === 'edit') await updating.mutateAsync({ params: { id: editing.role.id }, body });
      else await creating.mutateAsync({ body });
      onSaved();
    } catch (err) {
      handle(err);
    }
  });

  const title =
    editing.mode === 'new'
      ? t('admin.roles.createTitle')
      : readOnly
        ? roleName(editing.role)
        : t('admin.roles.editTitle');

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {readOnly ? <Text size="sm">{t('admin.roles.builtInText')}</Text> : null}
          <ProblemAlert problem={problem} />
          {readOnly ? null : <TextInput label={t('admin.roles.name')} required {...form.getInputProps('name')} />}
          {form.errors.permissions ? (
            <Text c="red.8" size="sm" role="alert">
              {form.errors.permissions}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {groups.map((group) => (
              <Fieldset key={group.key} legend={t(`permissionGroups.${group.key}`)} variant="filled">
                <Stack gap="xs">
                  {group.permissions.map((p) => (
                    <Checkbox
                      key={p}
                      label={permissionLabel(p)}
                      checked={form.values.permissions.includes(p)}
                      disabled={readOnly}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked;
                        form.setFieldValue(
                          'permissions',
                          checked ? [...form.values.permissions, p] : form.values.permissions.filter((x) => x !== p),
                        );
                      }}
                    />
                  ))}
                </Stack>
              </Fieldset>
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? t('common.close') : t('common.cancel')}
            </Button>
            {readOnly ? null : (
              <Button type="submit" loading={creating.isPending || updating.isPending}>
                {t('common.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('roles:manage');
  const roles = useRoles();
  const permissions = useOp(op.listPermissions, undefined, { staleTime: Infinity });
  const deletingRole = useOpMutation(op.deleteRole, { invalidates: ['/roles'] });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);

  async function remove() {
    if (!deleting) return;
    try {
      await deletingRole.mutateAsync({ params: { id: deleting.id } });
      notifySuccess(t('admin.roles.deleted'));
      setDeleting(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  let body;
  if (roles.isPending) body = <InlineLoader />;
  else if (roles.error) body = <LoadError problem={toProblem(roles.error)} onRetry={() => void roles.refetch()} />;
  else if (roles.data.items.length === 0) body = <Empty title={t('admin.roles.empty')} />;
  else {
    const sorted = [...roles.data.items].sort(
      (a, b) => Number(b.builtIn) - Number(a.builtIn) || roleName(a).localeCompare(roleName(b)),
    );
    const custom = sorted.filter((r) => !r.builtIn).length;
    body = (
      <Stack>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="roles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.roles.name')}</Table.Th>
                <Table.Th>{t('admin.roles.type')}</Table.Th>
                <Table.Th>{t('admin.roles.for')}</Table.Th>
                <Table.Th>{t('admin.roles.permissionCount')}</Table.Th>
                <Table.Th>{t('admin.roles.userCount')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fw={600}>{roleName(r)}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={r.builtIn ? 'gray.7' : 'indigo.8'}>
                      {r.builtIn ? t('admin.roles.builtIn') : t('admin.roles.custom')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{t(`admin.users.kinds.${roleKind(r)}`)}</Table.Td>
                  <Table.Td>{r.permissions.length}</Table.Td>
                  <Table.Td>{r.userCount}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {r.builtIn ? (
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'view', role: r })}>
                          {t('common.view')}
                        </Button>
                      ) : canManage ? (
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'edit', role: r })}>
                          {t('common.edit')}
                        </Button>
                      ) : (
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'view', role: r })}>
                          {t('common.view')}
                        </Button>
                      )}
                      {canManage ? (
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'new', from: r })}>
                          {t('admin.roles.copy')}
                        </Button>
                      ) : null}
                      {canManage && !r.builtIn ? (
                        <Button size="xs" variant="subtle" color="red.8" onClick={() => setDeleting(r)}>
                          {t('common.delete')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {custom === 0 ? (
          <Text size="sm" c="dimmed">
            {t('admin.roles.noCustom')}
          </Text>
        ) : null}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('admin.roles.title')}
        description={t('admin.roles.description')}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({ mode: 'new' })}>
              {t('admin.roles.create')}
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        {body}
      </Card>
      {editing ? (
        <RoleModal
          editing={editing}
          available={permissions.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifySuccess(t('common.saved'));
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('admin.roles.deleteTitle')}
        message={t('admin.roles.deleteConfirm', { name: deleting ? roleName(deleting) : '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={deletingRole.isPending}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </Stack>
  );
}
