import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/identity.ts';
import type { Office } from '../../../common/contracts/identity.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { useOffices } from './useReferenceLists.ts';

const FIELDS = ['name', 'province', 'district', 'address', 'phone'] as const;

function OfficeModal({
  office,
  onClose,
  onSaved,
}: {
  office: Office | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const creating = useOpMutation(op.createOffice, { invalidates: ['/offices'] });
  const updating = useOpMutation(op.updateOffice, { invalidates: ['/offices'] });
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: office?.name ?? '',
      province: office?.province ?? '',
      district: office?.district ?? '',
      address: office?.address ?? '',
      phone: office?.phone ?? '',
    },
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      province: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      district: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);

  const submit = form.onSubmit(async (values) => {
    clear();
    const body = {
      name: values.name.trim(),
      province: values.province.trim(),
      district: values.district.trim(),
      address: values.address.trim() || null,
      phone: values.phone.trim() || null,
    };
    try {
      if (office) await updating.mutateAsync({ params: { id: office.id }, body });
      else await creating.mutateAsync({ body });
      onSaved();
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={office ? t('admin.offices.editTitle') : t('admin.offices.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} />
          <TextInput label={t('admin.offices.name')} required {...form.getInputProps('name')} />
          <Group grow wrap="wrap" align="flex-start">
            <TextInput label={t('admin.offices.province')} required miw={200} {...form.getInputProps('province')} />
            <TextInput label={t('admin.offices.district')} required miw={200} {...form.getInputProps('district')} />
          </Group>
          <TextInput label={t('admin.offices.address')} {...form.getInputProps('address')} />
          <TextInput
            label={t('account.phone')}
            type="tel"
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('phone')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={creating.isPending || updating.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function OfficesPage() {
  const { t } = useTranslation();
  const offices = useOffices();
  const closing = useOpMutation(op.updateOffice, { invalidates: ['/offices'] });
  const [editing, setEditing] = useState<Office | 'new' | null>(null);
  const [toggling, setToggling] = useState<Office | null>(null);
  const [showClosed, setShowClosed] = useState(true);

  async function toggle() {
    if (!toggling) return;
    try {
      await closing.mutateAsync({ params: { id: toggling.id }, body: { active: !toggling.active } });
      notifySuccess(toggling.active ? t('admin.offices.closed') : t('admin.offices.reopened'));
      setToggling(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  let body;
  if (offices.isPending) body = <InlineLoader />;
  else if (offices.error)
    body = <LoadError problem={toProblem(offices.error)} onRetry={() => void offices.refetch()} />;
  else {
    const items = [...offices.data.items]
      .filter((o) => showClosed || o.active)
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'tr'));
    body =
      items.length === 0 ? (
        <Empty
          title={t('admin.offices.empty')}
          description={t('admin.offices.emptyText')}
          action={<Button onClick={() => setEditing('new')}>{t('admin.offices.create')}</Button>}
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="offices-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.offices.name')}</Table.Th>
                <Table.Th>{t('admin.offices.place')}</Table.Th>
                <Table.Th>{t('admin.offices.address')}</Table.Th>
                <Table.Th>{t('account.phone')}</Table.Th>
                <Table.Th>{t('admin.offices.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td fw={600}>{o.name}</Table.Td>
                  <Table.Td>{`${o.district} / ${o.province}`}</Table.Td>
                  <Table.Td>
                    {o.address ? (
                      <bdi>{o.address}</bdi>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('common.none')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="ltr">{o.phone ?? ''}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={o.active ? 'teal.8' : 'gray.7'}>
                      {o.active ? t('admin.offices.open') : t('admin.offices.closedStatus')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(o)}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color={o.active ? 'red.8' : undefined}
                        onClick={() => setToggling(o)}
                      >
                        {o.active ? t('admin.offices.close') : t('admin.offices.reopen')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('admin.offices.title')}
        description={t('admin.offices.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('admin.offices.create')}
          </Button>
        }
      />
      <Switch
        label={t('admin.offices.showClosed')}
        checked={showClosed}
        onChange={(e) => setShowClosed(e.currentTarget.checked)}
      />
      <Card withBorder padding="md">
        {body}
      </Card>
      {editing ? (
        <OfficeModal
          office={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifySuccess(t('common.saved'));
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={toggling !== null}
        title={toggling?.active ? t('admin.offices.close') : t('admin.offices.reopen')}
        message={
          toggling?.active
            ? t('admin.offices.closeConfirm', { name: toggling.name })
            : t('admin.offices.reopenConfirm', { name: toggling?.name ?? '' })
        }
        confirmLabel={toggling?.active ? t('admin.offices.close') : t('admin.offices.reopen')}
        danger={Boolean(toggling?.active)}
        loading={closing.isPending}
        onConfirm={() => void toggle()}
        onCancel={() => setToggling(null)}
      />
    </Stack>
  );
}
