import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { pathKey, useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import * as op from '../../../common/contracts/reference.ts';
import type { Holiday, HolidayKind } from '../../../common/contracts/reference.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatDate, formatList, formatWeekday } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { EditDeleteCell, ReferenceHeader } from '../../components/ReferenceAdmin.tsx';
import { DateField } from '../../components/DateFields.tsx';

const FIELDS = ['date', 'kind', 'halfDay', 'nameTr', 'nameEn', 'nameAr'] as const;

export function holidayName(h: Holiday): string {
  const locale = currentLocale();
  return (locale === 'ar' ? h.nameAr : locale === 'en' ? h.nameEn : h.nameTr) || h.nameTr;
}

interface HolidayValues {
  date: string;
  kind: HolidayKind;
  halfDay: boolean;
  nameTr: string;
  nameEn: string;
  nameAr: string;
}

function HolidayModal({
  holiday,
  defaultYear,
  onClose,
  onSaved,
}: {
  holiday: Holiday | null;
  defaultYear: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const create = useOpMutation(op.createHoliday);
  const update = useOpMutation(op.updateHoliday);
  const busy = create.isPending || update.isPending;
  const form = useForm<HolidayValues>({
    mode: 'controlled',
    initialValues: {
      date: holiday?.date.slice(0, 10) ?? `${defaultYear}-01-01`,
      kind: holiday?.kind ?? 'religious',
      halfDay: holiday?.halfDay ?? false,
      nameTr: holiday?.nameTr ?? '',
      nameEn: holiday?.nameEn ?? '',
      nameAr: holiday?.nameAr ?? '',
    },
    validate: {
      date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('errors.validation.format.date')),
      nameTr: (v) => (v.trim() ? null : t('errors.validation.required')),
      nameEn: (v) => (v.trim() ? null : t('errors.validation.required')),
      nameAr: (v) => (v.trim() ? null : t('errors.validation.required')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);

  const submit = form.onSubmit(async (values) => {
    clear();
    const body = {
      ...values,
      nameTr: values.nameTr.trim(),
      nameEn: values.nameEn.trim(),
      nameAr: values.nameAr.trim(),
    };
    try {
      if (holiday) await update.mutateAsync({ params: { id: holiday.id }, body });
      else await create.mutateAsync({ body });
      onSaved();
    } catch (err) {
      handle(err);
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={holiday ? t('admin.holidays.editTitle') : t('admin.holidays.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} />
          <Group align="flex-end" wrap="wrap">
            <DateField label={t('admin.holidays.date')} required {...form.getInputProps('date')} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="holiday-kind-label">
                {t('admin.holidays.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="holiday-kind-label"
                data={(['fixed', 'religious'] as const).map((k) => ({
                  value: k,
                  label: t(`admin.holidays.kinds.${k}`),
                }))}
                {...form.getInputProps('kind')}
              />
            </Stack>
          </Group>
          <Checkbox
            label={t('admin.holidays.halfDay')}
            description={t('admin.holidays.halfDayHint')}
            {...form.getInputProps('halfDay', { type: 'checkbox' })}
          />
          <TextInput label={t('admin.holidays.nameTr')} lang="tr" required {...form.getInputProps('nameTr')} />
          <TextInput label={t('admin.holidays.nameEn')} lang="en" required {...form.getInputProps('nameEn')} />
          <TextInput
            label={t('admin.holidays.nameAr')}
            lang="ar"
            dir="rtl"
            required
            {...form.getInputProps('nameAr')}
          />
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

export function HolidaysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('platform:reference');
  const [confirming, setConfirming] = useState<number | null>(null);
  const client = useQueryClient();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Holiday | null>(null);
  const holidays = useOp(op.listHolidays, { query: { year } });
  const confirmation = useOpMutation(op.confirmHolidayYear, { invalidates: [op.listHolidays.path] });
  const removal = useOpMutation(op.deleteHoliday, { invalidates: [op.listHolidays.path] });
  const busy = confirmation.isPending || removal.isPending;

  async function confirmYear() {
    if (confirming === null) return;
    try {
      await confirmation.mutateAsync({ body: { year: confirming } });
      notifySuccess(t('admin.holidays.confirmed', { year: confirming }));
      setConfirming(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

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

  const years = Array.from(
    new Set([...(holidays.data?.years ?? []), thisYear - 1, thisYear, thisYear + 1, year]),
  ).sort();
  const missing = holidays.data?.missingReligiousYears ?? [];

  let body;
  if (holidays.isPending) body = <InlineLoader />;
  else if (holidays.error)
    body = <LoadError problem={toProblem(holidays.error)} onRetry={() => void holidays.refetch()} />;
  else if (holidays.data.items.length === 0) {
    body = (
      <Empty
        title={t('admin.holidays.empty', { year })}
        description={t('admin.holidays.emptyText')}
        action={canManage ? <Button onClick={() => setEditing('new')}>{t('admin.holidays.create')}</Button> : undefined}
      />
    );
  } else {
    const items = [...holidays.data.items].sort((a, b) => a.date.localeCompare(b.date));
    body = (
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="holidays-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.holidays.date')}</Table.Th>
              <Table.Th>{t('admin.holidays.name')}</Table.Th>
              <Table.Th>{t('admin.holidays.kind')}</Table.Th>
              <Table.Th>{t('admin.holidays.duration')}</Table.Th>
              {canManage ? (
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{formatDate(h.date)}</Text>
                    <Text size="xs" c="dimmed">
                      {formatWeekday(h.date)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td fw={600}>
                  <Group gap="xs">
                    <span>{holidayName(h)}</span>
                    {h.provisional ? (
                      <Tooltip label={t('admin.holidays.provisionalHint')} multiline w={280}>
                        <Badge variant="light" color="#9c5700" data-testid="holiday-provisional" tabIndex={0}>
                          {t('admin.holidays.provisional')}
                        </Badge>
                      </Tooltip>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={h.kind === 'religious' ? 'grape.8' : 'indigo.8'}>
                    {t(`admin.holidays.kinds.${h.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{h.halfDay ? t('admin.holidays.halfDayShort') : t('admin.holidays.fullDay')}</Table.Td>
                {canManage ? <EditDeleteCell onEdit={() => setEditing(h)} onDelete={() => setDeleting(h)} /> : null}
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
        title={t('admin.holidays.title')}
        description={t('admin.holidays.description')}
        createLabel={t('admin.holidays.create')}
        canManage={canManage}
        platformOnly={t('admin.holidays.platformOnly')}
        onCreate={() => setEditing('new')}
      />
      {(holidays.data?.provisionalYears.length ?? 0) > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('admin.holidays.provisional')}
          role="status"
          data-testid="provisional-years"
        >
          <Stack gap="xs">
            <Text size="sm">
              {t('admin.holidays.provisionalYears', { years: formatList(holidays.data?.provisionalYears ?? []) })}
            </Text>
            {canManage ? (
              <Group gap="xs">
                {(holidays.data?.provisionalYears ?? []).map((y) => (
                  <Button
                    key={y}
                    size="xs"
                    variant="light"
                    onClick={() => setConfirming(y)}
                    data-testid={`confirm-${y}`}
                  >
                    {t('admin.holidays.confirmYear', { year: y })}
                  </Button>
                ))}
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {canManage && missing.length > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('admin.holidays.missingTitle')}
          role="status"
        >
          {t('admin.holidays.missingText', { years: formatList(missing) })}
        </Alert>
      ) : null}
      <Select
        label={t('admin.holidays.year')}
        data={years.map((y) => ({ value: String(y), label: String(y) }))}
        value={String(year)}
        onChange={(v) => v && setYear(Number(v))}
        allowDeselect={false}
        w={160}
      />
      <Card withBorder padding="md">
        {body}
      </Card>
      {editing ? (
        <HolidayModal
          holiday={editing === 'new' ? null : editing}
          defaultYear={year}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifySuccess(t('common.saved'));
            void client.invalidateQueries({ queryKey: pathKey(op.listHolidays.path) });
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={confirming !== null}
        title={t('admin.holidays.confirmYearTitle', { year: confirming ?? '' })}
        message={t('admin.holidays.confirmYearText')}
        confirmLabel={t('admin.holidays.confirmYear', { year: confirming ?? '' })}
        loading={busy}
        onConfirm={() => void confirmYear()}
        onCancel={() => setConfirming(null)}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('admin.holidays.deleteTitle')}
        message={t('admin.holidays.deleteConfirm', {
          name: deleting ? holidayName(deleting) : '',
          date: deleting ? formatDate(deleting.date) : '',
        })}
        confirmLabel={t('common.delete')}
        danger
        loading={busy}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </Stack>
  );
}
