import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconEdit, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { callOp, useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDate, formatMoney, formatNumber } from '../../components/format.ts';
import { ProblemAlert, notifySuccess, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import {
  ASSEMBLY_KINDS,
  LINK_ROLES,
  SUPPORT_KINDS,
  type AssemblyKind,
  type LinkRole,
  type SupportKind,
} from '../../../common/cooperatives.ts';
import {
  addAssembly,
  addMember,
  addSupport,
  addTrade,
  getCooperative,
  linkProject,
  listCooperatives,
  removeAssembly,
  setClients,
  unlinkProject,
  updateMember,
  listReviewOfficers,
  updateReview,
  type Cooperative,
  type Review,
} from '../../../common/contracts/cooperatives.ts';
import { listProjects } from '../../../common/contracts/programmes.ts';
import { searchPersons } from '../../../common/contracts/people.ts';
import { localTitle } from '../courses/labels.ts';
import { DateField } from '../../components/DateFields.tsx';
import { employerOptions, useEmployerChoices } from '../../components/work/employerChoices.ts';

const invalidates = ['/cooperatives', '/cooperative-reviews'];

/** The explanation of a warning sign, in words, from the facts that raised it. */
export function SignExplanation({ sign, params }: { sign: string; params: Record<string, string | number> }) {
  const { t } = useTranslation();
  const values = { ...params, last: params.last ? formatDate(String(params.last)) : t('cooperatives.signs.never') };
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {t(`cooperatives.signs.${sign}.title`)}
      </Text>
      <Text size="sm">{t(`cooperatives.signs.${sign}.explanation`, values)}</Text>
    </Stack>
  );
}

/** Hands an open review task to another officer (a holder of cooperatives:manage). */
function ReassignReview({ review }: { review: Review }) {
  const { t } = useTranslation();
  const officers = useOp(listReviewOfficers, undefined);
  const [officer, setOfficer] = useState<string | null>(review.assignedTo?.id ?? null);
  const assign = useOpMutation(updateReview, { invalidates });
  const { problem, handle, clear } = useFormProblem();
  return (
    <Stack gap="xs">
      <ProblemAlert problem={problem} onClose={clear} />
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('cooperatives.reviews.assignedTo')}
          data={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={officer}
          onChange={setOfficer}
          searchable
          allowDeselect={false}
          w={{ base: '100%', sm: 260 }}
          data-testid="review-officer"
        />
        <Button
          size="xs"
          variant="default"
          disabled={!officer || officer === review.assignedTo?.id}
          loading={assign.isPending}
          onClick={() => {
            clear();
            assign
              .mutateAsync({ params: { id: review.id }, body: { assignedTo: officer! } })
              .then(() => notifySuccess(t('cooperatives.reviews.reassigned')), handle);
          }}
          data-testid="review-reassign"
        >
          {t('cooperatives.reviews.reassign')}
        </Button>
      </Group>
    </Stack>
  );
}

function ReviewRow({ review, canManage }: { review: Review; canManage: boolean }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const resolve = useOpMutation(updateReview, { invalidates });
  const { problem, handle, clear } = useFormProblem();
  return (
    <Card withBorder padding="sm" data-testid="review">
      <Group justify="space-between" align="flex-start">
        <SignExplanation sign={review.sign} params={review.params} />
        <Badge color={review.status === 'open' ? 'orange.9' : 'teal.9'} variant="outline">
          {t(`cooperatives.reviews.statuses.${review.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('cooperatives.reviews.openedLine', {
          date: formatDate(review.openedAt),
          name: review.assignedTo?.name ?? '—',
        })}
      </Text>
      {review.status === 'resolved' ? (
        <Text size="sm" mt={4}>
          {t('cooperatives.reviews.resolution')}: {review.resolutionNote}
        </Text>
      ) : canManage ? (
        <Stack gap="xs" mt="xs">
          <ReassignReview review={review} />
          <ProblemAlert problem={problem} onClose={clear} />
          <Textarea
            label={t('cooperatives.reviews.resolutionNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              loading={resolve.isPending}
              onClick={() => {
                clear();
                resolve
                  .mutateAsync({
                    params: { id: review.id },
                    body: { status: 'resolved', resolutionNote: note.trim() },
                  })
                  .then(() => notifySuccess(t('cooperatives.reviews.resolved')), handle);
              }}
            >
              {t('cooperatives.reviews.resolve')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

function CountsCard({ c }: { c: Cooperative }) {
  const { t } = useTranslation();
  const rows: [string, number, number][] = [
    ['members', c.membersWomen, c.membersMen],
    ['memberWorkers', c.memberWorkersWomen, c.memberWorkersMen],
    ['employees', c.employeesWomen, c.employeesMen],
  ];
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.form.members')}
      </Title>
      <Table data-testid="coop-counts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('cooperatives.statistics.sexes.women')}</Table.Th>
            <Table.Th>{t('cooperatives.statistics.sexes.men')}</Table.Th>
            <Table.Th>{t('cooperatives.statistics.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([key, w, m]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">{t(`cooperatives.counts.${key}`)}</Table.Th>
              <Table.Td>{formatNumber(w)}</Table.Td>
              <Table.Td>{formatNumber(m)}</Table.Td>
              <Table.Td>{formatNumber(w + m)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs">
        {t('cooperatives.counts.ages', {
          a: c.membersAge18to29,
          b: c.membersAge30to44,
          c: c.membersAge45to64,
          d: c.membersAge65plus,
        })}
      </Text>
      <Text size="sm">{t('cooperatives.counts.dependentUninsured', { n: c.dependentUninsured })}</Text>
      {c.restricted ? (
        <Text size="sm" c="dimmed">
          {t('cooperatives.counts.restrictedHidden')}
        </Text>
      ) : (
        <Text size="sm">
          {t('cooperatives.counts.restricted', {
            refugees: c.membersRefugees ?? '—',
            roma: c.membersRoma ?? '—',
            disability: c.membersDisability ?? '—',
          })}
        </Text>
      )}
    </Card>
  );
}

function AssembliesCard({ c, canManage }: { c: Cooperative; canManage: boolean }) {
  const { t } = useTranslation();
  const form = useForm<{ heldOn: string; kind: AssemblyKind }>({ initialValues: { heldOn: '', kind: 'ordinary' } });
  const { problem, handle, clear } = useFormProblem(form, ['heldOn', 'kind']);
  const add = useOpMutation(addAssembly, { invalidates });
  const remove = useOpMutation(removeAssembly, { invalidates });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.assemblies.title')}
      </Title>
      {c.assemblies.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cooperatives.assemblies.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          {c.assemblies.map((a) => (
            <Group key={a.id} justify="space-between">
              <Text size="sm">
                {formatDate(a.heldOn)} · {t(`cooperatives.assemblies.kinds.${a.kind}`)}
              </Text>
              {canManage ? (
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  aria-label={t('cooperatives.assemblies.remove')}
                  onClick={() => remove.mutate({ params: { id: c.id, itemId: a.id } })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {canManage ? (
        <form
          onSubmit={form.onSubmit((v) => {
            clear();
            add.mutateAsync({ params: { id: c.id }, body: v }).then(() => form.reset(), handle);
          })}
          noValidate
        >
          <ProblemAlert problem={problem} onClose={clear} />
          <Group align="flex-end" mt="sm" gap="xs">
            <DateField label={t('cooperatives.assemblies.heldOn')} required {...form.getInputProps('heldOn')} />
            <Select
              label={t('cooperatives.assemblies.kind')}
              allowDeselect={false}
              data={ASSEMBLY_KINDS.map((k) => ({ value: k, label: t(`cooperatives.assemblies.kinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <Button
              type="submit"
              variant="default"
              loading={add.isPending}
              leftSection={<IconPlus size={14} aria-hidden />}
            >
              {t('cooperatives.add')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Card>
  );
}

function ClientsCard({ c, canManage }: { c: Cooperative; canManage: boolean }) {
  const { t } = useTranslation();
  const form = useForm<{ year: number | string; clients: { name: string; sharePercent: number | string }[] }>({
    initialValues: {
      year: c.clients.year ?? new Date().getFullYear() - 1,
      clients: c.clients.items.map((x) => ({ ...x })),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['year', 'clients']);
  const save = useOpMutation(setClients, { invalidates });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.clients.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('cooperatives.clients.help')}
      </Text>
      {!canManage ? (
        c.clients.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('cooperatives.clients.none')}
          </Text>
        ) : (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {c.clients.year}
            </Text>
            {c.clients.items.map((x) => (
              <Text size="sm" key={x.name}>
                {x.name}: %{x.sharePercent}
              </Text>
            ))}
          </Stack>
        )
      ) : (
        <form
          onSubmit={form.onSubmit((v) => {
            clear();
            save
              .mutateAsync({
                params: { id: c.id },
                body: {
                  year: Number(v.year),
                  clients: v.clients.map((x) => ({ name: x.name.trim(), sharePercent: Number(x.sharePercent) || 0 })),
                },
              })
              .then(() => notifySuccess(t('cooperatives.saved')), handle);
          })}
          noValidate
        >
          <ProblemAlert problem={problem} onClose={clear} />
          <NumberInput
            label={t('cooperatives.clients.year')}
            w={140}
            allowDecimal={false}
            {...form.getInputProps('year')}
          />
          <Stack gap="xs" mt="xs">
            {form.values.clients.map((_, i) => (
              <Group key={i} align="flex-end" gap="xs">
                <TextInput
                  label={t('cooperatives.clients.name')}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`clients.${i}.name`)}
                />
                <NumberInput
                  label={t('cooperatives.clients.share')}
                  min={0}
                  max={100}
                  w={120}
                  allowDecimal={false}
                  {...form.getInputProps(`clients.${i}.sharePercent`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="lg"
                  aria-label={t('cooperatives.clients.remove')}
                  onClick={() => form.removeListItem('clients', i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {form.errors.clients ? (
              <Text c="red.8" size="sm" role="alert">
                {form.errors.clients}
              </Text>
            ) : null}
            <Group justify="space-between">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => form.insertListItem('clients', { name: '', sharePercent: 0 })}
              >
                {t('cooperatives.clients.add')}
              </Button>
              <Button type="submit" size="xs" loading={save.isPending}>
                {t('cooperatives.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

interface PersonHit {
  id: string;
  givenName: string;
  familyName: string;
  district: string;
}

function MembersCard({ c, canManage }: { c: Cooperative; canManage: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [hits, setHits] = useState<PersonHit[]>([]);
  const form = useForm<{
    personId: string | null;
    role: LinkRole;
    startDate: string;
    endDate: string;
    socialSecurity: boolean;
    dependentWork: boolean;
    employerId: string | null;
    note: string;
  }>({
    initialValues: {
      personId: null,
      role: 'member',
      startDate: '',
      endDate: '',
      socialSecurity: false,
      dependentWork: false,
      employerId: null,
      note: '',
    },
  });
  const employers = useEmployerChoices(canManage);
  const { problem, handle, clear } = useFormProblem(form, [
    'personId',
    'role',
    'startDate',
    'endDate',
    'socialSecurity',
    'dependentWork',
    'employerId',
    'note',
  ]);
  const add = useOpMutation(addMember, { invalidates });
  const end = useOpMutation(updateMember, { invalidates });
  // The search words go in the body of a POST: never in an address.
  const find = () =>
    callOp(searchPersons, { body: { q: search.trim(), page: 1, pageSize: 10 } }).then((r) => setHits(r.items), handle);
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.members.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('cooperatives.members.help')}
      </Text>
      {c.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cooperatives.members.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cooperatives.members.person')}</Table.Th>
                <Table.Th>{t('cooperatives.members.role')}</Table.Th>
                <Table.Th>{t('cooperatives.members.dates')}</Table.Th>
                <Table.Th>{t('cooperatives.members.socialSecurity')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.personName && can('persons:read') ? (
                      <Anchor component={Link} to={`/persons/${m.personId}`} size="sm">
                        {m.personName}
                      </Anchor>
                    ) : (
                      <Text size="sm">{t('cooperatives.members.registered')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`cooperatives.roles.${m.role}`)}</Table.Td>
                  <Table.Td>
                    {formatDate(m.startDate)} – {m.endDate ? formatDate(m.endDate) : t('cooperatives.members.ongoing')}
                  </Table.Td>
                  <Table.Td>
                    {m.role === 'member'
                      ? '—'
                      : m.socialSecurity
                        ? t('cooperatives.members.yes')
                        : m.dependentWork
                          ? t('cooperatives.members.uninsuredDependent')
                          : t('cooperatives.members.no')}
                  </Table.Td>
                  <Table.Td>
                    {canManage && !m.endDate ? (
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() =>
                          end
                            .mutateAsync({
                              params: { id: c.id, itemId: m.id },
                              body: { endDate: new Date().toISOString().slice(0, 10) },
                            })
                            .catch(handle)
                        }
                      >
                        {t('cooperatives.members.end')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && can('persons:read') ? (
        <form
          onSubmit={form.onSubmit((v) => {
            clear();
            add
              .mutateAsync({
                params: { id: c.id },
                body: {
                  personId: v.personId ?? '',
                  role: v.role,
                  startDate: v.startDate,
                  endDate: v.endDate || null,
                  socialSecurity: v.socialSecurity,
                  dependentWork: v.dependentWork,
                  employerId: v.employerId,
                  note: v.note.trim() || null,
                },
              })
              .then(() => {
                form.reset();
                setHits([]);
              }, handle);
          })}
          noValidate
        >
          <Title order={3} size="h5" mt="md" mb="xs">
            {t('cooperatives.members.add')}
          </Title>
          <ProblemAlert problem={problem} onClose={clear} />
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('cooperatives.members.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void find();
                }
              }}
            />
            <Button variant="default" onClick={() => void find()} leftSection={<IconSearch size={14} aria-hidden />}>
              {t('common.search')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            <Select
              label={t('cooperatives.members.person')}
              required
              data={hits.map((h) => ({ value: h.id, label: `${h.givenName} ${h.familyName} (${h.district})` }))}
              nothingFoundMessage={t('common.noOptions')}
              {...form.getInputProps('personId')}
            />
            <Select
              label={t('cooperatives.members.role')}
              allowDeselect={false}
              data={LINK_ROLES.map((r) => ({ value: r, label: t(`cooperatives.roles.${r}`) }))}
              {...form.getInputProps('role')}
            />
            <DateField label={t('cooperatives.members.startDate')} required {...form.getInputProps('startDate')} />
            <DateField label={t('cooperatives.members.endDate')} {...form.getInputProps('endDate')} />
            <Checkbox
              label={t('cooperatives.members.socialSecurity')}
              {...form.getInputProps('socialSecurity', { type: 'checkbox' })}
            />
            <Checkbox
              label={t('cooperatives.members.dependentWork')}
              {...form.getInputProps('dependentWork', { type: 'checkbox' })}
            />
            <Select
              label={t('cooperatives.members.employer')}
              description={t('cooperatives.members.employerHelp')}
              data={employerOptions(employers.data?.items)}
              searchable
              clearable
              nothingFoundMessage={t('common.noOptions')}
              data-testid="member-employer"
              {...form.getInputProps('employerId')}
            />
          </SimpleGrid>
          <Textarea mt="xs" label={t('cooperatives.members.note')} autosize {...form.getInputProps('note')} />
          <Group justify="flex-end" mt="xs">
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('cooperatives.add')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Card>
  );
}

function SupportCard({ c, canManage }: { c: Cooperative; canManage: boolean }) {
  const { t } = useTranslation();
  const form = useForm<{ kind: SupportKind; givenOn: string; amount: number | string; description: string }>({
    initialValues: { kind: 'training', givenOn: '', amount: '', description: '' },
  });
  const { problem, handle, clear } = useFormProblem(form, ['kind', 'givenOn', 'amount', 'description']);
  const add = useOpMutation(addSupport, { invalidates });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.support.title')}
      </Title>
      {c.support.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cooperatives.support.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          {c.support.map((s) => (
            <Text size="sm" key={s.id}>
              {formatDate(s.givenOn)} · {t(`cooperatives.support.kinds.${s.kind}`)} · {s.description}
              {s.amount !== null ? ` · ${formatMoney(s.amount)}` : ''}
            </Text>
          ))}
        </Stack>
      )}
      {canManage ? (
        <form
          onSubmit={form.onSubmit((v) => {
            clear();
            add
              .mutateAsync({
                params: { id: c.id },
                body: {
                  kind: v.kind,
                  givenOn: v.givenOn,
                  amount: typeof v.amount === 'number' ? v.amount : null,
                  description: v.description.trim(),
                },
              })
              .then(() => form.reset(), handle);
          })}
          noValidate
        >
          <ProblemAlert problem={problem} onClose={clear} />
          <SimpleGrid cols={{ base: 1, sm: 4 }} mt="sm">
            <Select
              label={t('cooperatives.support.kind')}
              allowDeselect={false}
              data={SUPPORT_KINDS.map((k) => ({ value: k, label: t(`cooperatives.support.kinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <DateField label={t('cooperatives.support.givenOn')} required {...form.getInputProps('givenOn')} />
            <NumberInput
              label={t('cooperatives.support.amount')}
              min={0}
              decimalScale={2}
              disabled={form.values.kind !== 'grant'}
              {...form.getInputProps('amount')}
            />
            <TextInput label={t('cooperatives.support.description')} required {...form.getInputProps('description')} />
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('cooperatives.add')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Card>
  );
}

function TradeCard({ c, canManage }: { c: Cooperative; canManage: boolean }) {
  const { t } = useTranslation();
  const others = useOp(listCooperatives, { query: { sort: 'name', order: 'asc', page: 1, pageSize: 100 } });
  const form = useForm<{ buyerId: string | null; tradedOn: string; amount: number | string; description: string }>({
    initialValues: { buyerId: null, tradedOn: '', amount: '', description: '' },
  });
  const { problem, handle, clear } = useFormProblem(form, ['buyerId', 'tradedOn', 'amount', 'description']);
  const add = useOpMutation(addTrade, { invalidates });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.trade.title')}
      </Title>
      {c.trades.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cooperatives.trade.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          {c.trades.map((x) => (
            <Text size="sm" key={x.id}>
              {formatDate(x.tradedOn)} · {t(`cooperatives.trade.${x.direction}`, { name: x.partner.name })} ·{' '}
              {formatMoney(x.amount)} · {x.description}
            </Text>
          ))}
        </Stack>
      )}
      {canManage ? (
        <form
          onSubmit={form.onSubmit((v) => {
            clear();
            add
              .mutateAsync({
                params: { id: c.id },
                body: {
                  buyerId: v.buyerId ?? '',
                  tradedOn: v.tradedOn,
                  amount: typeof v.amount === 'number' ? v.amount : Number(v.amount),
                  description: v.description.trim(),
                },
              })
              .then(() => form.reset(), handle);
          })}
          noValidate
        >
          <ProblemAlert problem={problem} onClose={clear} />
          <SimpleGrid cols={{ base: 1, sm: 4 }} mt="sm">
            <Select
              label={t('cooperatives.trade.buyer')}
              required
              searchable
              data={(others.data?.items ?? [])
                .filter((o) => o.id !== c.id)
                .map((o) => ({ value: o.id, label: o.name }))}
              {...form.getInputProps('buyerId')}
            />
            <DateField label={t('cooperatives.trade.tradedOn')} required {...form.getInputProps('tradedOn')} />
            <NumberInput
              label={t('cooperatives.trade.amount')}
              required
              min={0}
              decimalScale={2}
              {...form.getInputProps('amount')}
            />
            <TextInput label={t('cooperatives.trade.description')} required {...form.getInputProps('description')} />
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('cooperatives.add')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Card>
  );
}

function ProjectsCard({ c, canManage }: { c: Cooperative; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const readsProjects = can('programmes:read');
  const projects = useOp(
    listProjects,
    { query: { sort: 'name', order: 'asc', page: 1, pageSize: 100 } },
    { enabled: readsProjects },
  );
  const [projectId, setProjectId] = useState<string | null>(null);
  const link = useOpMutation(linkProject, { invalidates });
  const unlink = useOpMutation(unlinkProject, { invalidates });
  const nameOf = (id: string) => {
    const p = projects.data?.items.find((x) => x.id === id);
    return p ? localTitle(p.name, i18n.language) : t('cooperatives.projects.project');
  };
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('cooperatives.projects.title')}
      </Title>
      {c.projects.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cooperatives.projects.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          {c.projects.map((p) => (
            <Group key={p.id} justify="space-between">
              {readsProjects ? (
                <Anchor component={Link} to={`/projects/${p.id}`} size="sm">
                  {nameOf(p.id)}
                </Anchor>
              ) : (
                <Text size="sm">{nameOf(p.id)}</Text>
              )}
              {canManage ? (
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  aria-label={t('cooperatives.projects.unlink')}
                  onClick={() => unlink.mutate({ params: { id: c.id, itemId: p.id } })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {canManage && readsProjects ? (
        <Group align="flex-end" gap="xs" mt="sm">
          <Select
            label={t('cooperatives.projects.project')}
            data={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: localTitle(p.name, i18n.language) }))}
            value={projectId}
            onChange={setProjectId}
            searchable
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            disabled={!projectId}
            loading={link.isPending}
            onClick={() => projectId && link.mutate({ params: { id: c.id, itemId: projectId } })}
          >
            {t('cooperatives.projects.link')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

/** One cooperative: its facts, warning signs with their explanations and reviews, and everything linked. */
export function CooperativePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const canManage = can('cooperatives:manage');
  const coop = useOp(getCooperative, { params: { id } });
  if (coop.isPending) return <PageLoader />;
  if (coop.error) return <LoadError problem={toProblem(coop.error)} onRetry={() => void coop.refetch()} />;
  const c = coop.data;
  const openReviews = c.reviews.filter((r) => r.status === 'open');
  const closedReviews = c.reviews.filter((r) => r.status === 'resolved');
  return (
    <Stack gap="md">
      <PageHeader
        title={c.name}
        description={[t(`cooperatives.iclsTypes.${c.iclsType}`), t(`cooperatives.legalTypes.${c.legalType}`)].join(
          ' · ',
        )}
        actions={
          canManage ? (
            <Button
              component={Link}
              to={`/cooperatives/${c.id}/edit`}
              variant="default"
              leftSection={<IconEdit size={16} aria-hidden />}
            >
              {t('cooperatives.edit')}
            </Button>
          ) : null
        }
      />
      {c.flags.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('cooperatives.signs.title')}
          data-testid="warning-signs"
        >
          <Stack gap="xs">
            <Text size="sm">{t('cooperatives.signs.intro')}</Text>
            {c.flags.map((f) => (
              <SignExplanation key={f.sign} sign={f.sign} params={f.params} />
            ))}
          </Stack>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('cooperatives.details')}
          </Title>
          <Stack gap={4}>
            <Text size="sm">
              {t('cooperatives.fields.district')}: {c.district}, {c.province}
            </Text>
            <Text size="sm">
              {t('cooperatives.fields.registrationNumber')}: {c.registrationNumber ?? '—'} ·{' '}
              {c.registrationDate ? formatDate(c.registrationDate) : '—'}
            </Text>
            <Text size="sm">
              {t('cooperatives.fields.naceCode')}: {c.naceCode ?? '—'}
            </Text>
            <Text size="sm">
              {t('cooperatives.fields.turnoverBand')}:{' '}
              {c.turnoverBand ? t(`cooperatives.turnoverBands.${c.turnoverBand}`) : '—'}
            </Text>
            <Text size="sm">
              {t('cooperatives.fields.officer')}: {c.officer?.name ?? '—'}
            </Text>
            <Group gap={4}>
              {c.focusTags.map((f) => (
                <Badge key={f} variant="light" color="grape.9">
                  {t(`cooperatives.focusTags.${f}`)}
                </Badge>
              ))}
            </Group>
            {c.activities ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.activities}
              </Text>
            ) : null}
          </Stack>
        </Card>
        <CountsCard c={c} />
      </SimpleGrid>
      {c.reviews.length > 0 ? (
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('cooperatives.reviews.title')}
          </Title>
          <Stack gap="xs">
            {[...openReviews, ...closedReviews].map((r) => (
              <ReviewRow key={r.id} review={r} canManage={canManage} />
            ))}
          </Stack>
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AssembliesCard c={c} canManage={canManage} />
        <ClientsCard key={`${c.clients.year}-${c.clients.items.length}`} c={c} canManage={canManage} />
      </SimpleGrid>
      <MembersCard c={c} canManage={canManage} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SupportCard c={c} canManage={canManage} />
        <TradeCard c={c} canManage={canManage} />
      </SimpleGrid>
      <ProjectsCard c={c} canManage={canManage} />
    </Stack>
  );
}
