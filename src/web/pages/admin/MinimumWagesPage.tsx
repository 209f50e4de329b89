import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { pathKey, useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import * as op from '../../../common/contracts/reference.ts';
import type { MinimumWage } from '../../../common/contracts/reference.ts';
import { formatDate, formatMoney, numberSeparators, turkiyeToday } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { EditDeleteCell, ReferenceHeader } from '../../components/ReferenceAdmin.tsx';
import { DateField } from '../../components/DateFields.tsx';

const FIELDS = ['effectiveFrom', 'grossMonthly', 'netMonthly', 'note'] as const;

function WageModal({ wage, onClose, onSaved }: { wage: MinimumWage | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const create = useOpMutation(op.createMinimumWage);
  const update = useOpMutation(op.updateMinimumWage);
  const busy = create.isPending || update.isPending;
  const form = useForm<{
    effectiveFrom: string;
    grossMonthly: number | string;
    netMonthly: number | string;
    note: string;
  }>({
    mode: 'controlled',
    initialValues: {
      effectiveFrom: wage?.effectiveFrom.slice(0, 10) ?? '',
      grossMonthly: wage?.grossMonthly ?? '',
      netMonthly: wage?.netMonthly ?? '',
      note: wage?.note ?? '',
    },
    validate: {
      effectiveFrom: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('errors.validation.format.date')),
      grossMonthly: (v) => (typeof v === 'number' && v > 0 ? null : t('errors.validation.required')),
      netMonthly: (v, values) => {
        if (typeof v !== 'number' || v <= 0) return t('errors.validation.required');
        if (typeof values.grossMonthly === 'number' && v > values.grossMonthly)
          return t('errors.reference.netAboveGross');
        return null;
      },
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const separators = numberSeparators();

  const submit = form.onSubmit(async (values) => {
    clear();
    const body = {
      effectiveFrom: values.effectiveFrom,
      grossMonthly: Number(values.grossMonthly),
      netMonthly: Number(values.netMonthly),
      note: values.note.trim() || null,
    };
    try {
      if (wage) await update.mutateAsync({ params: { id: wage.id }, body });
      else await create.mutateAsync({ body });
      onSaved();
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Modal opened onClose={onClose} title={wage ? t('admin.wages.editTitle') : t('admin.wages.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} />
          <DateField label={t('admin.wages.effectiveFrom')} required {...form.getInputProps('effectiveFrom')} />
          <NumberInput
            label={t('admin.wages.gross')}
            required
            min={0}
            decimalScale={2}
            thousandSeparator={separators.group}
            decimalSeparator={separators.decimal}
            {...form.getInputProps('grossMonthly')}
          />
          <NumberInput
            label={t('admin.wages.net')}
            required
            min={0}
            decimalScale={2}
            thousandSeparator={separators.group}
            decimalSeparator={separators.decimal}
            {...form.getInputProps('netMonthly')}
          />
          <TextInput label={t('admin.wages.note')} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function MinimumWagesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('platform:reference');
  const client = useQueryClient();
  const wages = useOp(op.listMinimumWages, undefined);
  const removal = useOpMutation(op.deleteMinimumWage, { invalidates: [op.listMinimumWages.path] });
  const [editing, setEditing] = useState<MinimumWage | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MinimumWage | null>(null);

  async function remove() {
    if (!deleting) return;
    try {
      await removal.mutateAsync({ params: { id: deleting.id } });
      notifySuccess(t('common.deleted'));
      setDeleting(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  let body;
  if (wages.isPending) body = <InlineLoader />;
  else if (wages.error) body = <LoadError problem={toProblem(wages.error)} onRetry={() => void wages.refetch()} />;
  else if (wages.data.items.length === 0) {
    body = (
      <Empty
        title={t('admin.wages.empty')}
        description={t('admin.wages.emptyText')}
        action={canManage ? <Button onClick={() => setEditing('new')}>{t('admin.wages.create')}</Button> : undefined}
      />
    );
  } else {
    const items = [...wages.data.items].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
    const today = turkiyeToday();
    const currentId = items.find((w) => w.effectiveFrom.slice(0, 10) <= today)?.id;
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="wages-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.wages.effectiveFrom')}</Table.Th>
              <Table.Th ta="end">{t('admin.wages.gross')}</Table.Th>
              <Table.Th ta="end">{t('admin.wages.net')}</Table.Th>
              <Table.Th>{t('admin.wages.note')}</Table.Th>
              {canManage ? (
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((w) => (
              <Table.Tr key={w.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{formatDate(w.effectiveFrom)}</Text>
                    {w.id === currentId ? (
                      <Badge size="sm" color="teal.8" variant="filled">
                        {t('admin.wages.current')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="end">{formatMoney(w.grossMonthly)}</Table.Td>
                <Table.Td ta="end">{formatMoney(w.netMonthly)}</Table.Td>
                <Table.Td>{w.note ?? ''}</Table.Td>
                {canManage ? <EditDeleteCell onEdit={() => setEditing(w)} onDelete={() => setDeleting(w)} /> : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <ReferenceHeader
        title={t('admin.wages.title')}
        description={t('admin.wages.description')}
        createLabel={t('admin.wages.create')}
        canManage={canManage}
        platformOnly={t('admin.wages.platformOnly')}
        onCreate={() => setEditing('new')}
      />
      <Card withBorder padding="md">
        {body}
      </Card>
      {editing ? (
        <WageModal
          wage={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifySuccess(t('common.saved'));
            void client.invalidateQueries({ queryKey: pathKey(op.listMinimumWages.path) });
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('admin.wages.deleteTitle')}
        message={t('admin.wages.deleteConfirm', { date: deleting ? formatDate(deleting.effectiveFrom) : '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={removal.isPending}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </Stack>
  );
}
