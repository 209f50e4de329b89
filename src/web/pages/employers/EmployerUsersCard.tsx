import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { looksLikeEmail } from '../../../common/contact.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';
import {
  addEmployerUser,
  invitePortalUser,
  listEmployerUsers,
  listPortalUsers,
  removeEmployerUser,
  removePortalUser,
  type PortalUser,
  type PortalUserInput,
} from '../../../common/contracts/employers.ts';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import { formatDateTime } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, UserNameCell } from '../../components/ui.tsx';
import { bidi } from '../../components/work/labels.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { READABLE_ERRORS } from '../../components/work/problems.tsx';

const FIELDS = ['fullName', 'email', 'phone', 'locale', 'manager'] as const;

/** Staff add a user to the employer they look at (`employerId`); an employer's manager invites a colleague. */
function InviteModal({
  employerId,
  onClose,
  onDone,
}: {
  employerId: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const adding = useOpMutation(addEmployerUser);
  const inviting = useOpMutation(invitePortalUser);
  const form = useForm({
    mode: 'controlled',
    initialValues: { fullName: '', email: '', phone: '', locale: 'tr' as Locale, manager: false },
    validate: {
      fullName: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      email: (v) => (looksLikeEmail(v) ? null : t('errors.validation.format.email')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const submit = form.onSubmit(async (values) => {
    clear();
    const body: PortalUserInput = {
      fullName: values.fullName.trim(),
      email: values.email.trim(),
      phone: values.phone.trim() || null,
      locale: values.locale,
      manager: values.manager,
    };
    try {
      if (employerId) await adding.mutateAsync({ params: { id: employerId }, body });
      else await inviting.mutateAsync({ body });
      onDone();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('portal.users.invite')}>
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <Text size="sm">{t('portal.users.inviteText')}</Text>
          <ProblemAlert problem={problem} />
          <TextInput
            label={t('portal.users.fullName')}
            required
            autoComplete="off"
            {...form.getInputProps('fullName')}
          />
          <TextInput
            label={t('portal.users.email')}
            type="email"
            required
            autoComplete="off"
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('portal.users.phone')}
            type="tel"
            autoComplete="off"
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('phone')}
          />
          <Select
            label={t('portal.users.locale')}
            data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />
          <Checkbox
            label={t('portal.users.manager')}
            description={t('portal.users.managerHint')}
            {...form.getInputProps('manager', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={adding.isPending || inviting.isPending}>
              {t('portal.users.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * An employer's portal users: listed, invited, removed. Staff name the employer (`employerId`:
 * /employers/:id/users); without it, the signed-in employer user's own colleagues (/portal/users).
 */
export function EmployerUsersCard({
  employerId,
  canWrite,
  selfId,
}: {
  employerId?: string;
  canWrite: boolean;
  selfId?: string;
}) {
  const { t } = useTranslation();
  const staff = employerId !== undefined;
  const staffUsers = useOp(listEmployerUsers, { params: { id: employerId ?? '' } }, { enabled: staff });
  const ownUsers = useOp(listPortalUsers, undefined, { enabled: !staff });
  const users = staff ? staffUsers : ownUsers;
  const key = staff ? opKey(listEmployerUsers, { params: { id: employerId } }) : opKey(listPortalUsers);
  const removingStaff = useOpMutation(removeEmployerUser, { invalidates: [key] });
  const removingOwn = useOpMutation(removePortalUser, { invalidates: [key] });
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<PortalUser | null>(null);
  const client = useQueryClient();

  async function remove() {
    if (!removing) return;
    try {
      if (employerId) await removingStaff.mutateAsync({ params: { id: employerId, userId: removing.id } });
      else await removingOwn.mutateAsync({ params: { userId: removing.id } });
      notifySuccess(t('portal.users.removed'));
      setRemoving(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  let body;
  if (users.isPending) body = <InlineLoader />;
  else if (users.error) body = <LoadError problem={toProblem(users.error)} onRetry={() => void users.refetch()} />;
  else if (users.data.items.length === 0)
    body = <Empty title={t('portal.users.empty')} description={t('portal.users.emptyText')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="sm" data-testid="portal-users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('portal.users.fullName')}</Table.Th>
              <Table.Th>{t('portal.users.role')}</Table.Th>
              <Table.Th>{t('portal.users.lastSignIn')}</Table.Th>
              {canWrite ? (
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
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="outline" color={u.manager ? 'indigo.8' : 'gray.7'}>
                      {u.manager ? t('portal.users.managerRole') : t('portal.users.memberRole')}
                    </Badge>
                    {u.status === 'invited' ? (
                      <Badge variant="outline" color="#9c5700">
                        {t('portal.users.invited')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : t('portal.users.never')}</Table.Td>
                {canWrite ? (
                  <Table.Td>
                    {u.id !== selfId ? (
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={t('portal.users.removeNamed', { name: u.fullName })}
                        onClick={() => setRemoving(u)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="portal-users-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="portal-users-title">
          {t('portal.users.title')}
        </Title>
        {canWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserPlus size={14} aria-hidden />}
            onClick={() => setInviting(true)}
          >
            {t('portal.users.invite')}
          </Button>
        ) : null}
      </Group>
      {body}
      {inviting ? (
        <InviteModal
          employerId={employerId}
          onClose={() => setInviting(false)}
          onDone={() => {
            setInviting(false);
            notifySuccess(t('portal.users.invitedDone'));
            void client.invalidateQueries({ queryKey: key });
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={removing !== null}
        title={t('portal.users.remove')}
        message={t('portal.users.removeConfirm', { name: bidi(removing?.fullName ?? '') })}
        confirmLabel={t('portal.users.remove')}
        danger
        loading={removingStaff.isPending || removingOwn.isPending}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </Card>
  );
}
