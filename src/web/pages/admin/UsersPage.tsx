import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan, useCurrentUser } from '../../api/session.ts';
import * as op from '../../../common/contracts/identity.ts';
import type { User, UserKind, UserStatus } from '../../../common/contracts/identity.ts';
import { formatDateTime } from '../../components/format.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { isId, useSearchWords, useUrlFilters } from '../../components/listState.ts';
import { Pager } from '../../components/Pager.tsx';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader, UserNameCell } from '../../components/ui.tsx';
import { roleName } from './labels.ts';
import { UserFormModal } from './UserFormModal.tsx';
import { useOffices, useRoles } from './useReferenceLists.ts';

const PAGE_SIZE = 25;
const SORTS = ['name', '-name', '-lastSignIn', 'lastSignIn', '-created', 'created'] as const;
type Sort = (typeof SORTS)[number];
/** The filters that may stand in the address (the search words, names and e-mail addresses, stay in memory). */
const URL_FILTERS = {
  officeId: isId,
  roleId: isId,
  status: ['active', 'invited', 'disabled'],
  kind: ['staff', 'employer', 'seeker'],
  sort: SORTS,
} as const;

const STATUS_COLOR: Record<UserStatus, string> = { active: 'teal.8', invited: 'yellow.9', disabled: 'gray.7' };

export function StatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="outline">
      {t(`admin.users.statuses.${status}`)}
    </Badge>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const canManage = can('users:manage');
  const [search, setSearch] = useSearchWords('users');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { filters, page, setFilters, setPage } = useUrlFilters(URL_FILTERS);
  const officeId = filters.officeId ?? null;
  const roleId = filters.roleId ?? null;
  const status = (filters.status ?? null) as UserStatus | null;
  const kind = (filters.kind ?? null) as UserKind | null;
  const sort = (filters.sort ?? 'name') as Sort;
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const updating = useOpMutation(op.updateUser, { invalidates: ['/users'] });
  const resending = useOpMutation(op.resendInvitation, { invalidates: ['/users'] });

  const roles = useRoles();
  const offices = useOffices();
  const request = {
    q: q || undefined,
    officeId: officeId ?? undefined,
    roleId: roleId ?? undefined,
    status: status ?? undefined,
    kind: kind ?? undefined,
    sort,
    page,
    pageSize: PAGE_SIZE,
  };
  // Names and e-mail addresses go in the body of a POST, never in an address that proxies would log.
  const users = useOp(op.searchUsers, { body: request }, { placeholderData: keepPreviousData });

  function filter(key: keyof typeof URL_FILTERS) {
    return (value: string | null) => setFilters({ [key]: value });
  }

  async function toggleStatus() {
    if (!toggling) return;
    const next = toggling.status === 'disabled' ? 'active' : 'disabled';
    try {
      await updating.mutateAsync({ params: { id: toggling.id }, body: { status: next } });
      notifySuccess(next === 'disabled' ? t('admin.users.disabledDone') : t('admin.users.enabledDone'));
      setToggling(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  async function resend(user: User) {
    try {
      await resending.mutateAsync({ params: { id: user.id } });
      notifySuccess(t('admin.users.invitationResent'));
    } catch (err) {
      notifyProblem(err);
    }
  }

  const filtersActive = Boolean(q || officeId || roleId || status || kind);
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: roleName(r) }));
  const officeOptions = (offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));

  let body;
  if (users.isPending) body = <InlineLoader />;
  else if (users.error) body = <LoadError problem={toProblem(users.error)} onRetry={() => void users.refetch()} />;
  else if (users.data.items.length === 0) {
    body = filtersActive ? (
      <Empty title={t('admin.users.noMatch')} description={t('common.noMatchText')} />
    ) : (
      <Empty
        title={t('admin.users.empty')}
        description={t('admin.users.emptyText')}
        action={canManage ? <Button onClick={() => setEditing('new')}>{t('admin.users.create')}</Button> : undefined}
      />
    );
  } else {
    body = (
      <>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.users.fullName')}</Table.Th>
                <Table.Th>{t('admin.users.kind')}</Table.Th>
                <Table.Th>{t('admin.users.roles')}</Table.Th>
                <Table.Th>{t('admin.users.office')}</Table.Th>
                <Table.Th>{t('admin.users.status')}</Table.Th>
                <Table.Th>{t('admin.users.lastSignIn')}</Table.Th>
                {canManage ? (
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <UserNameCell user={u} />
                  </Table.Td>
                  <Table.Td>{t(`admin.users.kinds.${u.kind}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Badge key={r.id} variant="outline" color="indigo.8" size="sm">
                          {roleName(r)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {u.office?.name ?? (
                      <Text size="sm" c="dimmed">
                        {t('admin.users.allOffices')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={u.status} />
                  </Table.Td>
                  <Table.Td>
                    {u.lastSignInAt ? (
                      formatDateTime(u.lastSignInAt)
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('admin.users.never')}
                      </Text>
                    )}
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon
                            variant="subtle"
                            color="gray.8"
                            aria-label={t('admin.users.actionsFor', { name: u.fullName })}
                          >
                            <IconDots size={18} aria-hidden />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(u)}>{t('common.edit')}</Menu.Item>
                          {u.status === 'invited' ? (
                            <Menu.Item onClick={() => void resend(u)}>{t('admin.users.resendInvitation')}</Menu.Item>
                          ) : null}
                          {u.id !== me.id && u.status !== 'invited' ? (
                            <Menu.Item
                              color={u.status === 'disabled' ? undefined : 'red.8'}
                              onClick={() => setToggling(u)}
                            >
                              {u.status === 'disabled' ? t('admin.users.enable') : t('admin.users.disable')}
                            </Menu.Item>
                          ) : null}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={users.data} onChange={setPage} />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('admin.users.title')}
        description={t('admin.users.description')}
        actions={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing('new')}
              data-testid="user-create"
            >
              {t('admin.users.create')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={[q, officeId, roleId, status, kind].filter(Boolean).length}>
        <TextInput
          label={t('common.search')}
          placeholder={t('admin.users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            if (page > 1) setPage(1);
          }}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('admin.users.office')}
          data={officeOptions}
          value={officeId}
          onChange={filter('officeId')}
          clearable
          searchable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={t('admin.users.role')}
          data={roleOptions}
          value={roleId}
          onChange={filter('roleId')}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={t('admin.users.status')}
          data={(['active', 'invited', 'disabled'] as const).map((s) => ({
            value: s,
            label: t(`admin.users.statuses.${s}`),
          }))}
          value={status}
          onChange={filter('status')}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 150 }}
        />
        <Select
          label={t('admin.users.kind')}
          data={(['staff', 'employer', 'seeker'] as const).map((k) => ({
            value: k,
            label: t(`admin.users.kinds.${k}`),
          }))}
          value={kind}
          onChange={filter('kind')}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 150 }}
        />
        <Select
          label={t('common.sortBy')}
          data={SORTS.map((s) => ({ value: s, label: t(`admin.users.sorts.${s}`) }))}
          value={sort}
          onChange={(v) => setFilters({ sort: v === 'name' ? null : v })}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
      {editing ? (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          roles={roles.data?.items ?? []}
          offices={offices.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={(user, created) => {
            setEditing(null);
            notifySuccess(created ? t('admin.users.invited', { name: user.fullName }) : t('common.saved'));
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={toggling !== null}
        title={toggling?.status === 'disabled' ? t('admin.users.enable') : t('admin.users.disable')}
        message={
          toggling?.status === 'disabled'
            ? t('admin.users.enableConfirm', { name: toggling.fullName })
            : t('admin.users.disableConfirm', { name: toggling?.fullName ?? '' })
        }
        confirmLabel={toggling?.status === 'disabled' ? t('admin.users.enable') : t('admin.users.disable')}
        danger={toggling?.status !== 'disabled'}
        loading={updating.isPending}
        onConfirm={() => void toggleStatus()}
        onCancel={() => setToggling(null)}
      />
    </Stack>
  );
}
