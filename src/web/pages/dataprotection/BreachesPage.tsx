import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  closeBreach,
  createBreach,
  DP_BREACH_CATEGORIES,
  listBreaches,
  recordBreachNotice,
  updateBreach,
  type Breach,
  type BreachInput,
} from '../../../common/contracts/dataprotection.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDateTime, formatNumber, isoToTurkiyeLocal, turkiyeLocalToIso } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { DateTimeField } from '../../components/DateFields.tsx';

const PAGE_SIZE = 25;
const KEY = '/data-protection/breaches';
type Category = (typeof DP_BREACH_CATEGORIES)[number];

/** An instant for a date-and-time field (Türkiye time) and back. */
const toLocalInput = (iso: string | null) => (iso ? isoToTurkiyeLocal(iso) : '');
const fromLocalInput = (v: string) => (v ? turkiyeLocalToIso(v) : null);

interface Values {
  title: string;
  description: string;
  occurredAt: string;
  discoveredAt: string;
  categories: string[];
  affectedPersons: number | string;
  affectedRecords: number | string;
  consequences: string;
  measures: string;
  boardNotice: string;
  personsNotice: string;
}

function bodyOf(v: Values): BreachInput {
  const n = (x: number | string) => (x === '' ? null : Number(x));
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    occurredAt: fromLocalInput(v.occurredAt),
    discoveredAt: fromLocalInput(v.discoveredAt) ?? new Date().toISOString(),
    categories: v.categories as Category[],
    affectedPersons: n(v.affectedPersons),
    affectedRecords: n(v.affectedRecords),
    consequences: v.consequences.trim() || null,
    measures: v.measures.trim() || null,
    boardNotice: v.boardNotice.trim() || null,
    personsNotice: v.personsNotice.trim() || null,
  };
}

function Deadline({ breach }: { breach: Breach }) {
  const { t } = useTranslation();
  if (breach.closedAt)
    return (
      <Badge color="gray.7" variant="outline">
        {t('dataProtection.breaches.closed')}
      </Badge>
    );
  if (breach.boardNotifiedAt)
    return (
      <Badge color="teal.8" variant="outline">
        {t('dataProtection.breaches.boardNotifiedOn', { at: formatDateTime(breach.boardNotifiedAt) })}
      </Badge>
    );
  const h = breach.hoursLeft ?? 0;
  return (
    <Badge color={h < 0 ? 'red.8' : h < 24 ? 'orange.9' : 'blue.8'} variant="outline" data-testid="breach-deadline">
      {h < 0
        ? t('dataProtection.breaches.late', { hours: formatNumber(-h) })
        : t('dataProtection.breaches.hoursLeft', { hours: formatNumber(h) })}
    </Badge>
  );
}

function BreachForm({ breach, onClose }: { breach: Breach | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useOpMutation(createBreach, { invalidates: [KEY] });
  const update = useOpMutation(updateBreach, { invalidates: [KEY] });
  const notify = useOpMutation(recordBreachNotice, { invalidates: [KEY] });
  const close = useOpMutation(closeBreach, { invalidates: [KEY] });
  const [delayReason, setDelayReason] = useState('');
  const form = useForm<Values>({
    initialValues: {
      title: breach?.title ?? '',
      description: breach?.description ?? '',
      occurredAt: toLocalInput(breach?.occurredAt ?? null),
      discoveredAt: toLocalInput(breach?.discoveredAt ?? new Date().toISOString()),
      categories: breach?.categories ?? [],
      affectedPersons: breach?.affectedPersons ?? '',
      affectedRecords: breach?.affectedRecords ?? '',
      consequences: breach?.consequences ?? '',
      measures: breach?.measures ?? '',
      boardNotice: breach?.boardNotice ?? breach?.drafts.board ?? '',
      personsNotice: breach?.personsNotice ?? breach?.drafts.persons ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, Object.keys(form.values));
  const readOnly = Boolean(breach?.closedAt);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      if (breach) await update.mutateAsync({ params: { id: breach.id }, body: bodyOf(v) });
      else {
        const { boardNotice: _b, personsNotice: _p, ...rest } = bodyOf(v);
        await create.mutateAsync({ body: rest });
      }
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  const notified = (who: 'board' | 'persons') =>
    void notify
      .mutateAsync({ params: { id: breach!.id }, body: { who, delayReason: delayReason.trim() || null } })
      .then(onClose)
      .catch(handle);
  const late = breach && !breach.boardNotifiedAt && (breach.hoursLeft ?? 0) < 0;
  return (
    <Modal opened onClose={onClose} size="xl" title={breach ? breach.title : t('dataProtection.breaches.new')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} onClose={clear} />
          {breach ? <Deadline breach={breach} /> : null}
          <TextInput
            label={t('dataProtection.breaches.title')}
            required
            readOnly={readOnly}
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('dataProtection.breaches.whatHappened')}
            required
            autosize
            minRows={3}
            readOnly={readOnly}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimeField
              label={t('dataProtection.breaches.discoveredAt')}
              description={t('dataProtection.breaches.discoveredHint')}
              required
              readOnly={readOnly}
              {...form.getInputProps('discoveredAt')}
            />
            <DateTimeField
              label={t('dataProtection.breaches.occurredAt')}
              readOnly={readOnly}
              {...form.getInputProps('occurredAt')}
            />
            <NumberInput
              label={t('dataProtection.breaches.affectedPersons')}
              min={0}
              allowDecimal={false}
              readOnly={readOnly}
              {...form.getInputProps('affectedPersons')}
            />
            <NumberInput
              label={t('dataProtection.breaches.affectedRecords')}
              min={0}
              allowDecimal={false}
              readOnly={readOnly}
              {...form.getInputProps('affectedRecords')}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('dataProtection.breaches.categories')}
            required
            readOnly={readOnly}
            data={DP_BREACH_CATEGORIES.map((c) => ({ value: c, label: t(`dataProtection.breachCategories.${c}`) }))}
            {...form.getInputProps('categories')}
          />
          <Textarea
            label={t('dataProtection.breaches.consequences')}
            autosize
            minRows={2}
            readOnly={readOnly}
            {...form.getInputProps('consequences')}
          />
          <Textarea
            label={t('dataProtection.breaches.measures')}
            autosize
            minRows={2}
            readOnly={readOnly}
            {...form.getInputProps('measures')}
          />
          {breach ? (
            <>
              <Textarea
                label={t('dataProtection.breaches.boardNotice')}
                autosize
                minRows={4}
                readOnly={readOnly}
                {...form.getInputProps('boardNotice')}
              />
              <Textarea
                label={t('dataProtection.breaches.personsNotice')}
                autosize
                minRows={4}
                readOnly={readOnly}
                {...form.getInputProps('personsNotice')}
              />
            </>
          ) : null}
          {breach && !readOnly && late ? (
            <Textarea
              label={t('dataProtection.breaches.delayReason')}
              autosize
              minRows={2}
              value={delayReason}
              onChange={(e) => setDelayReason(e.currentTarget.value)}
            />
          ) : null}
          {breach?.personsNotifiedAt ? (
            <Text size="sm">
              {t('dataProtection.breaches.personsNotifiedOn', { at: formatDateTime(breach.personsNotifiedAt) })}
            </Text>
          ) : null}
          <Group justify="flex-end" wrap="wrap">
            {breach && !readOnly ? (
              <>
                {!breach.boardNotifiedAt ? (
                  <Button variant="light" loading={notify.isPending} onClick={() => notified('board')}>
                    {t('dataProtection.breaches.markBoard')}
                  </Button>
                ) : null}
                {!breach.personsNotifiedAt ? (
                  <Button variant="light" loading={notify.isPending} onClick={() => notified('persons')}>
                    {t('dataProtection.breaches.markPersons')}
                  </Button>
                ) : null}
                {breach.boardNotifiedAt ? (
                  <Button
                    variant="default"
                    loading={close.isPending}
                    onClick={() =>
                      void close
                        .mutateAsync({ params: { id: breach.id } })
                        .then(onClose)
                        .catch(handle)
                    }
                  >
                    {t('dataProtection.breaches.close')}
                  </Button>
                ) : null}
              </>
            ) : null}
            {!readOnly ? (
              <Button type="submit" loading={create.isPending || update.isPending}>
                {t('common.save')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The breach register: the 72-hour deadline, what was affected, measures, the notification texts. */
export function BreachesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Breach | 'new' | null>(null);
  const list = useOp(listBreaches, { query: { page, pageSize: PAGE_SIZE } }, { placeholderData: keepPreviousData });
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = <Empty title={t('dataProtection.breaches.empty')} description={t('dataProtection.breaches.emptyText')} />;
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dataProtection.breaches.title')}</Table.Th>
                <Table.Th>{t('dataProtection.breaches.discoveredAt')}</Table.Th>
                <Table.Th>{t('dataProtection.breaches.affectedPersons')}</Table.Th>
                <Table.Th>{t('dataProtection.breaches.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <UnstyledButton onClick={() => setOpen(b)} c="blue.8" td="underline">
                      {b.title}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{formatDateTime(b.discoveredAt)}</Table.Td>
                  <Table.Td>{b.affectedPersons === null ? '—' : formatNumber(b.affectedPersons)}</Table.Td>
                  <Table.Td>
                    <Deadline breach={b} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={list.data} onChange={setPage} />
      </>
    );
  return (
    <Stack>
      <PageHeader
        title={t('dataProtection.breaches.pageTitle')}
        description={t('dataProtection.breaches.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpen('new')}>
            {t('dataProtection.breaches.new')}
          </Button>
        }
      />
      {body}
      {open ? <BreachForm breach={open === 'new' ? null : open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}
