import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useListSort } from '../../components/SortableHeader.tsx';
import { callOp, useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { formatNumber } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { DateField } from '../../components/DateFields.tsx';
import {
  PARTNER_TYPES,
  TRANSFER_SAFEGUARDS,
  type PartnerType,
  type TransferSafeguard,
} from '../../../common/programmes.ts';
import {
  createPartner,
  getPartner,
  listPartners,
  updatePartner,
  type Partner,
  type PARTNER_SORTS,
} from '../../../common/contracts/programmes.ts';

const PAGE_SIZE = 25;
type Sort = (typeof PARTNER_SORTS)[number];

interface Values {
  name: string;
  acronym: string;
  type: PartnerType | null;
  country: string;
  website: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  agreements: string;
  safeguardKind: TransferSafeguard | null;
  safeguardDate: string;
  safeguardReference: string;
}
const FIELDS = [
  'name',
  'acronym',
  'type',
  'country',
  'website',
  'contactName',
  'contactEmail',
  'contactPhone',
  'agreements',
];

const blank = (v: string) => v.trim() || null;

function PartnerForm({ existing, onClose }: { existing: Partner | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      name: existing?.name ?? '',
      acronym: existing?.acronym ?? '',
      type: existing?.type ?? null,
      country: existing?.country ?? '',
      website: existing?.website ?? '',
      contactName: existing?.contactName ?? '',
      contactEmail: existing?.contactEmail ?? '',
      contactPhone: existing?.contactPhone ?? '',
      agreements: existing?.agreements ?? '',
      safeguardKind: existing?.transferSafeguard?.kind ?? null,
      safeguardDate: existing?.transferSafeguard?.date ?? '',
      safeguardReference: existing?.transferSafeguard?.reference ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createPartner, { invalidates: ['/partners'] });
  const update = useOpMutation(updatePartner, { invalidates: ['/partners'] });
  const country = form.values.country.trim().toUpperCase();
  const abroad = country.length === 2 && country !== 'TR';
  async function submit(v: Values) {
    clear();
    const body = {
      name: v.name.trim(),
      acronym: blank(v.acronym),
      type: (v.type ?? '') as PartnerType,
      country: blank(v.country.toUpperCase()),
      website: blank(v.website),
      contactName: blank(v.contactName),
      contactEmail: blank(v.contactEmail),
      contactPhone: blank(v.contactPhone),
      agreements: blank(v.agreements),
      transferSafeguard: v.safeguardKind
        ? { kind: v.safeguardKind, date: v.safeguardDate, reference: v.safeguardReference.trim() }
        : null,
    };
    try {
      if (existing) await update.mutateAsync({ params: { id: existing.id }, body });
      else await create.mutateAsync({ body });
      notifySuccess(t('programmes.saved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('programmes.partner.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('programmes.partner.acronym')} {...form.getInputProps('acronym')} />
          <Select
            label={t('programmes.partner.type')}
            required
            data={PARTNER_TYPES.map((p) => ({ value: p, label: t(`programmes.partnerTypes.${p}`) }))}
            data-testid="partner-type"
            {...form.getInputProps('type')}
          />
          <TextInput
            label={t('programmes.partner.country')}
            description={t('programmes.partner.countryHelp')}
            maxLength={2}
            dir="ltr"
            {...form.getInputProps('country')}
          />
          <TextInput label={t('programmes.partner.website')} dir="ltr" {...form.getInputProps('website')} />
          <TextInput label={t('programmes.partner.contactName')} {...form.getInputProps('contactName')} />
          <TextInput
            label={t('programmes.partner.contactEmail')}
            type="email"
            dir="ltr"
            {...form.getInputProps('contactEmail')}
          />
          <TextInput
            label={t('programmes.partner.contactPhone')}
            type="tel"
            dir="ltr"
            {...form.getInputProps('contactPhone')}
          />
        </SimpleGrid>
        <Textarea
          label={t('programmes.partner.agreements')}
          autosize
          minRows={2}
          {...form.getInputProps('agreements')}
        />
        {abroad ? (
          <Card withBorder padding="sm" data-testid="transfer-safeguard">
            <Text size="sm" fw={600}>
              {t('programmes.partner.safeguardTitle')}
            </Text>
            <Text size="sm" c="dimmed" mb="xs">
              {t('programmes.partner.safeguardHelp')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('programmes.partner.safeguard')}
                clearable
                data={TRANSFER_SAFEGUARDS.map((k) => ({ value: k, label: t(`programmes.safeguards.${k}`) }))}
                data-testid="safeguard-kind"
                {...form.getInputProps('safeguardKind')}
              />
              <DateField
                label={t('programmes.partner.safeguardDate')}
                required={form.values.safeguardKind !== null}
                {...form.getInputProps('safeguardDate')}
              />
              <TextInput
                label={t('programmes.partner.safeguardReference')}
                required={form.values.safeguardKind !== null}
                {...form.getInputProps('safeguardReference')}
              />
            </SimpleGrid>
          </Card>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="partner-save">
            {t('programmes.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Partner organisations: UN agencies, ministries, municipalities, NGOs, cooperatives, donors… */
export function PartnersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [type, setType] = useState<PartnerType | null>(null);
  const [page, setPage] = useState(1);
  const { sort, order, header } = useListSort<Sort>(
    'name',
    'asc',
    (key) => (key === 'projects' ? 'desc' : 'asc'),
    () => setPage(1),
  );
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const list = useOp(
    listPartners,
    { query: { q, type, sort, order, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );
  const manage = can('programmes:manage');
  const newButton = manage ? (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setEditing('new')}
      data-testid="new-partner"
    >
      {t('programmes.newPartner')}
    </Button>
  ) : null;

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body =
      q || type ? (
        <Empty title={t('programmes.noPartnerMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty
          title={t('programmes.noPartners')}
          description={t('programmes.noPartnersText')}
          action={newButton ?? undefined}
        />
      );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="partners-table">
            <Table.Thead>
              <Table.Tr>
                {header('name', t('programmes.partner.name'))}
                {header('type', t('programmes.partner.type'))}
                <Table.Th>{t('programmes.partner.country')}</Table.Th>
                {header('projects', t('programmes.fields.projects'))}
                {manage ? <Table.Th aria-label={t('programmes.edit')} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {p.name}
                      {p.acronym ? ` (${p.acronym})` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`programmes.partnerTypes.${p.type}`)}</Table.Td>
                  <Table.Td dir="ltr">{p.country ?? '—'}</Table.Td>
                  <Table.Td>{formatNumber(p.projects)}</Table.Td>
                  {manage ? (
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="xs"
                        leftSection={<IconPencil size={14} aria-hidden />}
                        onClick={() => void callOp(getPartner, { params: { id: p.id } }).then(setEditing)}
                      >
                        {t('programmes.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={list.data} onChange={setPage} />
      </>
    );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('programmes.partnersTitle')}
        description={t('programmes.partnersDescription')}
        actions={newButton}
      />
      <FilterPanel active={[q, type].filter(Boolean).length}>
        <TextInput
          label={t('common.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label={t('programmes.partner.type')}
          data={PARTNER_TYPES.map((p) => ({ value: p, label: t(`programmes.partnerTypes.${p}`) }))}
          value={type}
          onChange={(v) => {
            setType(v);
            setPage(1);
          }}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 240 }}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('programmes.newPartner') : t('programmes.editPartner')}
        size="lg"
      >
        {editing !== null ? (
          <PartnerForm existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
