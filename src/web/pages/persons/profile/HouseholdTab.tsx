import { Fragment, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useCan } from '../../../api/session.ts';
import {
  formatDate,
  formatMoney,
  formatNumber,
  numberSeparators,
  turkiyeToday,
  listSeparator,
} from '../../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../../components/people/notify.ts';
import { ConfirmDialog, Empty, InlineLoader, LoadError } from '../../../components/ui.tsx';
import {
  HOUSEHOLD_RELATIONS,
  INCOME_SOURCES,
  type Household,
  type HouseholdMember,
  type HouseholdRelation,
  type IncomeSource,
  type Person,
} from '../../../components/people/types.ts';
import { RemoveIcon } from '../PersonFields.tsx';
import { SectionCard } from './OverviewTab.tsx';
import { personKey } from './queries.ts';
import { GraduationPanel } from '../../graduation/GraduationPanel.tsx';
import { DateField } from '../../../components/DateFields.tsx';
import { PersonSearchPick } from '../../../components/people/PersonSearchPick.tsx';
import { bidi } from '../../../components/work/labels.ts';
import { ProvinceDistrict } from '../../../components/people/ProvinceDistrict.tsx';
import { callOp, useOpMutation } from '../../../api/ops.ts';
import {
  addHouseholdMember,
  addIncome,
  addSocialAid,
  createHousehold,
  getHouseholdOfPerson,
  removeHouseholdMember,
  updateHousehold,
  updateIncome,
  updateSocialAid,
} from '../../../../common/contracts/person-records.ts';

const householdKey = (id: string) => [...personKey(id), 'household'] as const;

function useHousehold(personId: string) {
  return useQuery({
    queryKey: householdKey(personId),
    queryFn: async () => {
      try {
        return await callOp(getHouseholdOfPerson, { params: { id: personId } });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && err.problem.code === 'errors.households.none') return null;
        throw err;
      }
    },
  });
}

/** The "add …" link under a list. */
function AddLink({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <Group>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={onClick}
        data-testid={testId}
      >
        {label}
      </Button>
    </Group>
  );
}

function memberName(m: Pick<HouseholdMember, 'givenName' | 'familyName'>) {
  return `${m.givenName} ${m.familyName}`;
}

function AddMember({ household, onDone }: { household: Household; onDone: (h: Household) => void }) {
  const { t } = useTranslation();
  const adding = useOpMutation(addHouseholdMember);
  const form = useForm<{
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: 'female' | 'male' | '';
    relation: HouseholdRelation;
  }>({
    mode: 'controlled',
    initialValues: { givenName: '', familyName: '', birthDate: '', sex: '', relation: 'child' },
    validate: {
      givenName: (v) => (v.trim() ? null : t('errors.validation.required')),
      familyName: (v) => (v.trim() ? null : t('errors.validation.required')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['givenName', 'familyName', 'birthDate', 'sex', 'relation']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      onDone(
        await adding.mutateAsync({
          params: { id: household.id },
          body: {
            givenName: v.givenName.trim(),
            familyName: v.familyName.trim(),
            birthDate: v.birthDate || null,
            sex: v.sex || null,
            relation: v.relation,
          },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('households.addMemberText')}</Text>
        <ProblemAlert problem={problem} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('persons.fields.givenName')} required {...form.getInputProps('givenName')} />
          <TextInput label={t('persons.fields.familyName')} required {...form.getInputProps('familyName')} />
          <DateField label={t('persons.fields.birthDate')} {...form.getInputProps('birthDate')} />
          <Select
            label={t('households.relation')}
            data={HOUSEHOLD_RELATIONS.map((r) => ({ value: r, label: t(`households.relations.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps('relation')}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="member-sex-label">
            {t('persons.fields.sex')}
          </Text>
          <SegmentedControl
            aria-labelledby="member-sex-label"
            data={[
              { value: '', label: t('persons.unknown') },
              ...(['female', 'male'] as const).map((s) => ({ value: s, label: t(`persons.sexes.${s}`) })),
            ]}
            value={form.values.sex}
            onChange={(v) => form.setFieldValue('sex', v)}
            w="fit-content"
          />
        </Stack>
        <Group justify="flex-end">
          <Button type="submit" loading={adding.isPending}>
            {t('households.addMember')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The parts of the household's address (the address, district, province), the district not repeated when the address already names it. */
function householdAddressParts(h: Pick<Household, 'address' | 'district' | 'province'>): string[] {
  const fold = (v: string) => v.toLocaleLowerCase('tr');
  const address = h.address?.trim() ?? '';
  const parts = [address];
  if (h.district && !fold(address).includes(fold(h.district))) parts.push(h.district);
  if (h.province && !fold(address).includes(fold(h.province))) parts.push(h.province);
  return parts.filter(Boolean);
}

/** The household's address on one line (for a sentence, where the isolate formatter wraps it whole). */
export function householdAddress(h: Pick<Household, 'address' | 'district' | 'province'>): string {
  return householdAddressParts(h).join(listSeparator());
}

/**
 * The household's address on its own line: each part isolated (`<bdi>`), so that a Turkish address keeps its
 * own order ("12. Sokak No: 3" does not lose its number to the far end in Arabic), while the parts follow the
 * page's direction, joined with the list separator (the Arabic comma in Arabic).
 */
function AddressLine({ household }: { household: Pick<Household, 'address' | 'district' | 'province'> }) {
  return householdAddressParts(household).map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? listSeparator() : null}
      <bdi>{part}</bdi>
    </Fragment>
  ));
}

/**
 * A person who has no household joins a relative's (issue 14): the relative is found with the person search,
 * their household is read, and this person is added to it as a registered member living at its address.
 */
function JoinHousehold({ person, onDone }: { person: Person; onDone: (h: Household) => void }) {
  const { t } = useTranslation();
  const [relation, setRelation] = useState<HouseholdRelation>('spouse');
  const [relativeId, setRelativeId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // One change in two calls: the relative's household is read, then this person is added to it.
  const joining = useMutation({
    mutationFn: async (relative: string): Promise<Household | null> => {
      let theirs: Household;
      try {
        theirs = await callOp(getHouseholdOfPerson, { params: { id: relative } });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
      return callOp(addHouseholdMember, {
        params: { id: theirs.id },
        body: { personId: person.id, relation, sharesAddress: Boolean(householdAddress(theirs)) },
      });
    },
    onSuccess: (joined) => (joined ? onDone(joined) : setMessage(t('households.joinNoHousehold'))),
  });
  const problem = joining.error ? toProblem(joining.error) : null;
  function join(e: React.FormEvent) {
    e.preventDefault();
    joining.reset();
    setMessage(null);
    if (!relativeId) {
      setMessage(t('households.pickPersonFirst'));
      return;
    }
    joining.mutate(relativeId);
  }
  return (
    <form onSubmit={join} noValidate>
      <Stack>
        <Text size="sm">{t('households.joinText', { name: bidi(person.givenName) })}</Text>
        <ProblemAlert problem={problem} />
        <PersonSearchPick
          value={relativeId}
          onChange={(id) => {
            setRelativeId(id);
            setMessage(null);
          }}
          exclude={[person.id]}
        />
        {message ? (
          <Text size="sm" c="red.8" role="alert" data-testid="join-message">
            {message}
          </Text>
        ) : null}
        <Select
          label={t('households.personRelation', { name: bidi(person.givenName) })}
          data={HOUSEHOLD_RELATIONS.filter((r) => r !== 'head').map((r) => ({
            value: r,
            label: t(`households.relations.${r}`),
          }))}
          allowDeselect={false}
          value={relation}
          onChange={(v) => v && setRelation(v)}
          data-testid="join-relation"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={joining.isPending} data-testid="join-submit">
            {t('households.join')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Linking a registered person (found with the person search) to the household, with their relation. */
function LinkMember({ household, onDone }: { household: Household; onDone: (h: Household) => void }) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<string | null>(null);
  const [relation, setRelation] = useState<HouseholdRelation>('spouse');
  const address = householdAddress(household);
  const [sharesAddress, setSharesAddress] = useState(Boolean(address));
  const [pickError, setPickError] = useState<string | null>(null);
  const linking = useOpMutation(addHouseholdMember, { onSuccess: onDone });
  const problem = linking.error ? toProblem(linking.error) : null;
  function link(e: React.FormEvent) {
    e.preventDefault();
    linking.reset();
    if (!personId) {
      setPickError(t('households.pickPersonFirst'));
      return;
    }
    linking.mutate({
      params: { id: household.id },
      body: { personId, relation, sharesAddress: sharesAddress && Boolean(address) },
    });
  }
  return (
    <form onSubmit={link} noValidate>
      <Stack>
        <Text size="sm">{t('households.linkText')}</Text>
        <ProblemAlert problem={problem} />
        <PersonSearchPick
          value={personId}
          onChange={(id) => {
            setPersonId(id);
            setPickError(null);
          }}
          exclude={household.members.flatMap((m) => (m.personId ? [m.personId] : []))}
        />
        {pickError ? (
          <Text size="sm" c="red.8" role="alert" data-testid="link-pick-error">
            {pickError}
          </Text>
        ) : null}
        <Select
          label={t('households.relation')}
          data={HOUSEHOLD_RELATIONS.map((r) => ({ value: r, label: t(`households.relations.${r}`) }))}
          allowDeselect={false}
          value={relation}
          onChange={(v) => v && setRelation(v)}
          data-testid="link-relation"
        />
        {address ? (
          <Checkbox
            checked={sharesAddress}
            onChange={(e) => setSharesAddress(e.currentTarget.checked)}
            label={t('households.sharesAddress')}
            description={t('households.sharesAddressHint', { address })}
            data-testid="link-shares-address"
          />
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={linking.isPending} data-testid="link-submit">
            {t('households.link')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Changing the household's address: once for everyone in it. */
function EditAddress({ household, onDone }: { household: Household; onDone: (h: Household) => void }) {
  const { t } = useTranslation();
  const updating = useOpMutation(updateHousehold);
  const form = useForm<{ province: string; district: string; address: string }>({
    mode: 'controlled',
    initialValues: {
      province: household.province ?? '',
      district: household.district ?? '',
      address: household.address ?? '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['province', 'district', 'address']);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      onDone(
        await updating.mutateAsync({
          params: { id: household.id },
          body: { province: v.province || null, district: v.district || null, address: v.address.trim() || null },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('households.addressText')}</Text>
        <ProblemAlert problem={problem} />
        <ProvinceDistrict
          province={form.values.province}
          district={form.values.district}
          onProvince={(value) => form.setFieldValue('province', value)}
          onDistrict={(value) => form.setFieldValue('district', value)}
          provinceError={form.errors.province}
          districtError={form.errors.district}
          required={false}
        />
        <Textarea
          label={t('persons.fields.address')}
          description={t('households.addressHint')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('address')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={updating.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddAmount({
  household,
  kind,
  onDone,
}: {
  household: Household;
  kind: 'aid' | 'income';
  onDone: (h: Household) => void;
}) {
  const { t } = useTranslation();
  const addingAid = useOpMutation(addSocialAid);
  const addingIncome = useOpMutation(addIncome);
  const sep = numberSeparators();
  const form = useForm<{
    programme: string;
    source: IncomeSource;
    memberId: string | null;
    monthlyAmount: number | string;
    startDate: string;
    endDate: string;
  }>({
    mode: 'controlled',
    initialValues: {
      programme: '',
      source: 'registered-work',
      memberId: null,
      monthlyAmount: '',
      startDate: turkiyeToday(),
      endDate: '',
    },
    validate: {
      programme: (v) => (kind === 'aid' && !v.trim() ? t('errors.validation.required') : null),
      monthlyAmount: (v) => (typeof v === 'number' && v > 0 ? null : t('errors.households.amountPositive')),
      startDate: (v) => (v ? null : t('errors.validation.required')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, [
    'programme',
    'source',
    'memberId',
    'monthlyAmount',
    'startDate',
    'endDate',
  ]);
  const submit = form.onSubmit(async (v) => {
    clear();
    // An empty amount goes as it is: the server's 422 names /monthlyAmount and the form shows it there.
    const common = { monthlyAmount: v.monthlyAmount as number, startDate: v.startDate, endDate: v.endDate || null };
    try {
      onDone(
        kind === 'aid'
          ? await addingAid.mutateAsync({
              params: { id: household.id },
              body: { programme: v.programme.trim(), ...common },
            })
          : await addingIncome.mutateAsync({
              params: { id: household.id },
              body: { source: v.source, memberId: v.memberId, ...common },
            }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert problem={problem} />
        {kind === 'aid' ? (
          <TextInput
            label={t('households.programme')}
            description={t('households.programmeHint')}
            required
            maxLength={120}
            {...form.getInputProps('programme')}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('households.source')}
              data={INCOME_SOURCES.map((s) => ({ value: s, label: t(`households.sources.${s}`) }))}
              allowDeselect={false}
              {...form.getInputProps('source')}
            />
            <Select
              label={t('households.member')}
              data={household.members.map((m) => ({ value: m.id, label: memberName(m) }))}
              clearable
              placeholder={t('households.wholeHousehold')}
              {...form.getInputProps('memberId')}
            />
          </SimpleGrid>
        )}
        <NumberInput
          label={t('households.monthlyAmount')}
          required
          min={0}
          decimalScale={2}
          thousandSeparator={sep.group}
          decimalSeparator={sep.decimal}
          suffix=" ₺"
          {...form.getInputProps('monthlyAmount')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('households.startDate')} required {...form.getInputProps('startDate')} />
          <DateField label={t('households.endDate')} {...form.getInputProps('endDate')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={addingAid.isPending || addingIncome.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Dialog = 'member' | 'link' | 'address' | 'aid' | 'income' | null;

export function HouseholdTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const canWrite = can('persons:write');
  const household = useHousehold(person.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [removing, setRemoving] = useState<HouseholdMember | null>(null);
  const [ending, setEnding] = useState<{ kind: 'aid' | 'income'; id: string; label: string } | null>(null);
  const [relation, setRelation] = useState<HouseholdRelation>('head');

  function update(h: Household) {
    client.setQueryData(householdKey(person.id), h);
    setDialog(null);
    notifySuccess(t('common.saved'));
  }

  /** A linked person's own record changed too (their household, perhaps their address). */
  function linked(h: Household) {
    update(h);
    void client.invalidateQueries({ queryKey: ['person'] });
  }

  const [joining, setJoining] = useState(false);

  const creating = useOpMutation(createHousehold, { onSuccess: update, onError: notifyProblem });
  function create() {
    creating.mutate({ params: { id: person.id }, body: { relation } });
  }

  const removal = useOpMutation(removeHouseholdMember, {
    invalidates: [householdKey(person.id)],
    onSuccess: () => {
      setRemoving(null);
      notifySuccess(t('households.memberRemoved'));
    },
    onError: notifyProblem,
  });
  function removeMember() {
    if (!removing || !household.data) return;
    removal.mutate({ params: { id: household.data.id, memberId: removing.id } });
  }

  const ended = (h: Household) => {
    update(h);
    setEnding(null);
  };
  const endingAid = useOpMutation(updateSocialAid, { onSuccess: ended, onError: notifyProblem });
  const endingIncome = useOpMutation(updateIncome, { onSuccess: ended, onError: notifyProblem });
  function end() {
    if (!ending || !household.data) return;
    const body = { endDate: turkiyeToday() };
    if (ending.kind === 'aid') endingAid.mutate({ params: { id: household.data.id, aidId: ending.id }, body });
    else endingIncome.mutate({ params: { id: household.data.id, incomeId: ending.id }, body });
  }

  if (household.isPending) return <InlineLoader />;
  if (household.error)
    return <LoadError problem={toProblem(household.error)} onRetry={() => void household.refetch()} />;
  const h = household.data;
  if (!h) {
    return (
      <Empty
        title={t('households.none')}
        description={t('households.noneText')}
        action={
          canWrite ? (
            <Group align="flex-end">
              <Select
                label={t('households.personRelation', { name: person.givenName })}
                data={HOUSEHOLD_RELATIONS.map((r) => ({ value: r, label: t(`households.relations.${r}`) }))}
                value={relation}
                onChange={(v) => v && setRelation(v)}
                allowDeselect={false}
                w={200}
              />
              <Button onClick={create} loading={creating.isPending} data-testid="household-create">
                {t('households.create')}
              </Button>
              <Button variant="default" onClick={() => setJoining(true)} data-testid="household-join">
                {t('households.joinOpen')}
              </Button>
              <Modal opened={joining} onClose={() => setJoining(false)} title={t('households.joinTitle')}>
                <JoinHousehold
                  person={person}
                  onDone={(joined) => {
                    setJoining(false);
                    linked(joined);
                  }}
                />
              </Modal>
            </Group>
          ) : undefined
        }
      />
    );
  }

  const memberOf = (id: string | null) => h.members.find((m) => m.id === id);
  const dialogTitle = {
    member: t('households.addMember'),
    link: t('households.linkMember'),
    address: t('households.editAddress'),
    aid: t('households.addAid'),
    income: t('households.addIncome'),
  }[dialog ?? 'member'];

  return (
    <Stack gap="md">
      <Group gap="md" wrap="wrap">
        <Badge size="lg" variant="outline" color="indigo.8" data-testid="household-total-aid">
          {t('households.totalAid', { amount: formatMoney(h.totals.monthlyAid) })}
        </Badge>
        <Badge size="lg" variant="outline" color="teal.9">
          {t('households.totalIncome', { amount: formatMoney(h.totals.monthlyIncome) })}
        </Badge>
        <Text size="sm" c="dimmed" data-testid="household-address">
          {householdAddress(h) ? <AddressLine household={h} /> : t('households.noAddress')}
        </Text>
        {canWrite ? (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setDialog('address')}
            data-testid="household-address-edit"
          >
            {t('households.editAddress')}
          </Button>
        ) : null}
      </Group>
      {can('placements:read') ? <GraduationPanel personId={person.id} /> : null}
      <SectionCard title={t('households.members', { n: formatNumber(h.members.length) })}>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" data-testid="household-members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('persons.columns.name')}</Table.Th>
                <Table.Th>{t('households.relation')}</Table.Th>
                <Table.Th>{t('persons.columns.age')}</Table.Th>
                {canWrite ? (
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {h.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <bdi>{memberName(m)}</bdi>
                    {m.personId === person.id ? (
                      <Text component="span" size="xs" c="dimmed">
                        {' '}
                        {t('households.thisPerson')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`households.relations.${m.relation}`)}</Table.Td>
                  <Table.Td>{m.age === null ? t('common.none') : formatNumber(m.age)}</Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      {h.members.length > 1 ? (
                        <RemoveIcon
                          label={t('households.removeMember', { name: memberName(m) })}
                          onClick={() => setRemoving(m)}
                        />
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canWrite ? (
          <Group gap="xs">
            <AddLink label={t('households.linkMember')} onClick={() => setDialog('link')} testId="household-link" />
            <AddLink label={t('households.addMember')} onClick={() => setDialog('member')} />
          </Group>
        ) : null}
      </SectionCard>
      <SectionCard title={t('households.socialAid')}>
        {h.socialAid.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('households.noAid')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('households.programme')}</Table.Th>
                  <Table.Th>{t('households.monthlyAmount')}</Table.Th>
                  <Table.Th>{t('households.period')}</Table.Th>
                  {canWrite ? (
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {h.socialAid.map((a) => (
                  <Table.Tr key={a.id} c={a.current ? undefined : 'dimmed'}>
                    <Table.Td>{a.programme}</Table.Td>
                    <Table.Td>{formatMoney(a.monthlyAmount)}</Table.Td>
                    <Table.Td>
                      {t('households.periodValue', {
                        from: formatDate(a.startDate),
                        to: a.endDate ? formatDate(a.endDate) : t('households.ongoing'),
                      })}
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        {a.current && !a.endDate ? (
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => setEnding({ kind: 'aid', id: a.id, label: a.programme })}
                          >
                            {t('households.end')}
                          </Button>
                        ) : null}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite ? <AddLink label={t('households.addAid')} onClick={() => setDialog('aid')} /> : null}
      </SectionCard>
      <SectionCard title={t('households.incomes')}>
        {h.incomes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('households.noIncome')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('households.source')}</Table.Th>
                  <Table.Th>{t('households.member')}</Table.Th>
                  <Table.Th>{t('households.monthlyAmount')}</Table.Th>
                  <Table.Th>{t('households.period')}</Table.Th>
                  {canWrite ? (
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {h.incomes.map((i) => {
                  const member = memberOf(i.memberId);
                  return (
                    <Table.Tr key={i.id} c={i.current ? undefined : 'dimmed'}>
                      <Table.Td>{t(`households.sources.${i.source}`)}</Table.Td>
                      <Table.Td>{member ? memberName(member) : t('households.wholeHousehold')}</Table.Td>
                      <Table.Td>{formatMoney(i.monthlyAmount)}</Table.Td>
                      <Table.Td>
                        {t('households.periodValue', {
                          from: formatDate(i.startDate),
                          to: i.endDate ? formatDate(i.endDate) : t('households.ongoing'),
                        })}
                      </Table.Td>
                      {canWrite ? (
                        <Table.Td>
                          {i.current && !i.endDate ? (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              onClick={() =>
                                setEnding({ kind: 'income', id: i.id, label: t(`households.sources.${i.source}`) })
                              }
                            >
                              {t('households.end')}
                            </Button>
                          ) : null}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite ? <AddLink label={t('households.addIncome')} onClick={() => setDialog('income')} /> : null}
      </SectionCard>
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialogTitle} size="lg">
        {dialog === 'member' ? <AddMember household={h} onDone={update} /> : null}
        {dialog === 'link' ? <LinkMember household={h} onDone={linked} /> : null}
        {dialog === 'address' ? <EditAddress household={h} onDone={update} /> : null}
        {dialog === 'aid' || dialog === 'income' ? <AddAmount household={h} kind={dialog} onDone={update} /> : null}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={t('households.removeTitle')}
        message={t('households.removeConfirm', { name: removing ? memberName(removing) : '' })}
        confirmLabel={t('households.remove')}
        danger
        loading={removal.isPending}
        onConfirm={removeMember}
        onCancel={() => setRemoving(null)}
      />
      <ConfirmDialog
        opened={ending !== null}
        title={t('households.endTitle')}
        message={t('households.endConfirm', { name: ending?.label ?? '' })}
        confirmLabel={t('households.end')}
        loading={endingAid.isPending || endingIncome.isPending}
        onConfirm={end}
        onCancel={() => setEnding(null)}
      />
    </Stack>
  );
}
