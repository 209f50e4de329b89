import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api/client.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { useEmployerChoices } from '../../components/work/employerChoices.ts';
import { DateField } from '../../components/DateFields.tsx';
import { formatDate, formatMoney, formatNumber } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { svgDataUrl } from '../../components/svg.ts';
import {
  ConfirmDialog,
  InlineLoader,
  LoadError,
  PageHeader,
  PageLoader,
  useDocumentTitle,
} from '../../components/ui.tsx';
import { ReferralStatusBadge } from '../../components/work/Badges.tsx';
import { CONTRACT_TYPES, HAZARD_CLASSES, SHIFTS, WAGE_BASES } from '../../../common/enums.ts';
import { FAIR_APPLICATION_TRANSITIONS } from '../../../common/fairs.ts';
import * as op from '../../../common/contracts/fairs.ts';
import { searchPersons } from '../../../common/contracts/people.ts';
import { listVacancies } from '../../../common/contracts/vacancies.ts';
import type { Fair, FairApplication, FairReport } from '../../../common/contracts/fairs.ts';
import { FairStatusBadge } from './FairsPage.tsx';

const INVALIDATES = ['/fairs'];

/** Searches registered persons (the words in a POST body, as the person list does). */
function PersonSelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const found = useOp(searchPersons, { body: { q, page: 1, pageSize: 10 } }, { enabled: q.length >= 2 });
  return (
    <Select
      label={t('fairs.fields.person')}
      placeholder={t('fairs.page.searchPerson')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={(found.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.givenName} ${p.familyName} · ${p.district}`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
      data-testid="fair-person"
    />
  );
}

function EmployersSection({ fair }: { fair: Fair }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('fairs:manage');
  const employers = useEmployerChoices(manage && can('employers:read'), 'verified');
  const addForm = useForm({ initialValues: { employerId: null as string | null, stand: '' } });
  const addProblem = useFormProblem(addForm, ['employerId', 'stand']);
  const add = useOpMutation(op.addFairEmployer, { invalidates: INVALIDATES });
  const [positionFor, setPositionFor] = useState<string | null>(null);
  const removeEmployer = useOpMutation(op.removeFairEmployer, { invalidates: INVALIDATES });
  const removePosition = useOpMutation(op.removeFairPosition, { invalidates: INVALIDATES });
  const [removing, setRemoving] = useState<
    { kind: 'employer'; id: string; name: string; n: number } | { kind: 'position'; id: string; name: string } | null
  >(null);
  async function confirmRemoval() {
    if (!removing) return;
    try {
      if (removing.kind === 'employer')
        await removeEmployer.mutateAsync({ params: { id: fair.id, fairEmployerId: removing.id } });
      else await removePosition.mutateAsync({ params: { id: fair.id, positionId: removing.id } });
      notifySuccess(t('fairs.removed'));
    } catch (err) {
      notifyProblem(err);
    }
    setRemoving(null);
  }

  return (
    <Stack gap="md">
      <ConfirmDialog
        opened={removing !== null}
        title={removing?.kind === 'employer' ? t('fairs.removeEmployer') : t('fairs.removePosition')}
        message={
          removing?.kind === 'employer'
            ? t('fairs.removeEmployerConfirm', { n: formatNumber(removing.n) })
            : t('fairs.removePositionConfirm')
        }
        confirmLabel={removing?.kind === 'employer' ? t('fairs.removeEmployer') : t('fairs.removePosition')}
        danger
        loading={removeEmployer.isPending || removePosition.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => void confirmRemoval()}
      >
        <Text fw={600}>
          <bdi>{removing?.name}</bdi>
        </Text>
      </ConfirmDialog>
      {fair.employers.length === 0 ? <Text c="dimmed">{t('fairs.page.noEmployers')}</Text> : null}
      {fair.employers.map((e) => (
        <Card key={e.id} withBorder padding="md" data-testid="fair-employer">
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={3} size="h4">
                {e.name}
                {e.stand ? (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    · {t('fairs.fields.stand')} {e.stand}
                  </Text>
                ) : null}
              </Title>
              {manage ? (
                <Group gap="xs">
                  <Button variant="light" size="xs" onClick={() => setPositionFor(positionFor === e.id ? null : e.id)}>
                    {t('fairs.page.addFairOnly')}
                  </Button>
                  <Button
                    variant="subtle"
                    color="red.8"
                    size="xs"
                    data-testid="remove-fair-employer"
                    onClick={() => setRemoving({ kind: 'employer', id: e.id, name: e.name, n: e.positions.length })}
                  >
                    {t('fairs.removeEmployer')}
                  </Button>
                </Group>
              ) : null}
            </Group>
            {e.positions.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('fairs.page.noPositions')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table>
                  <Table.Tbody>
                    {e.positions.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>
                          {p.vacancyId ? (
                            <Anchor component={Link} to={`/vacancies/${p.vacancyId}`}>
                              {p.title}
                            </Anchor>
                          ) : (
                            p.title
                          )}{' '}
                          <Badge variant="light" color={p.vacancyId ? 'blue.9' : 'grape.9'}>
                            {p.vacancyId ? t('fairs.page.vacancyBadge') : t('fairs.page.fairOnly')}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{formatNumber(p.openings)}</Table.Td>
                        <Table.Td>
                          {p.wageMin !== null
                            ? `${formatMoney(p.wageMin)} ${p.wageBasis ? t(`vacancies.wageBases.${p.wageBasis}`) : ''}`
                            : ''}
                        </Table.Td>
                        <Table.Td>{t('fairs.page.applicationsN', { n: formatNumber(p.applications) })}</Table.Td>
                        {manage ? (
                          <Table.Td>
                            <Button
                              variant="subtle"
                              color="red.8"
                              size="xs"
                              data-testid="remove-fair-position"
                              onClick={() => setRemoving({ kind: 'position', id: p.id, name: p.title })}
                            >
                              {t('fairs.removePosition')}
                            </Button>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {positionFor === e.id ? (
              <PositionForm
                fairId={fair.id}
                stand={e.id}
                employerId={e.employerId}
                onDone={() => setPositionFor(null)}
              />
            ) : null}
          </Stack>
        </Card>
      ))}
      {manage ? (
        <Card withBorder padding="md">
          <form
            noValidate
            onSubmit={addForm.onSubmit((v) => {
              addProblem.clear();
              add.mutate(
                { params: { id: fair.id }, body: { employerId: v.employerId ?? '', stand: v.stand || null } },
                { onSuccess: () => addForm.reset(), onError: addProblem.handle },
              );
            })}
          >
            <Stack gap="sm">
              <Title order={3} size="h4">
                {t('fairs.page.addEmployer')}
              </Title>
              <ProblemAlert problem={addProblem.problem} />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select
                  label={t('fairs.fields.employer')}
                  data={(employers.data?.items ?? []).map((x) => ({ value: x.id, label: x.tradeName ?? x.legalName }))}
                  searchable
                  required
                  {...addForm.getInputProps('employerId')}
                />
                <TextInput label={t('fairs.fields.stand')} maxLength={40} {...addForm.getInputProps('stand')} />
                <Group align="flex-end">
                  <Button type="submit" loading={add.isPending}>
                    {t('fairs.page.addEmployer')}
                  </Button>
                </Group>
              </SimpleGrid>
            </Stack>
          </form>
        </Card>
      ) : null}
    </Stack>
  );
}

const POSITION_FIELDS = [
  'vacancyId',
  'title',
  'openings',
  'startDate',
  'contractType',
  'wageMin',
  'wageBasis',
  'hoursPerWeek',
  'hoursPerDay',
  'shifts',
  'hazardClass',
  'minimumAge',
  'registered',
] as const;

/** A published vacancy of the employer, or a fair-only position with its terms (checked on the server). */
function PositionForm({
  fairId,
  stand,
  employerId,
  onDone,
}: {
  fairId: string;
  stand: string;
  employerId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const vacancies = useOp(listVacancies, { query: { employerId, status: 'published', pageSize: 100 } });
  const form = useForm({
    initialValues: {
      vacancyId: null as string | null,
      title: '',
      openings: 1 as number | string,
      startDate: '',
      contractType: 'permanent' as (typeof CONTRACT_TYPES)[number],
      wageMin: '' as number | string,
      wageBasis: 'net' as (typeof WAGE_BASES)[number],
      hoursPerWeek: 45 as number | string,
      hoursPerDay: 9 as number | string,
      shifts: ['day'] as string[],
      hazardClass: 'low' as (typeof HAZARD_CLASSES)[number],
      minimumAge: 18 as number | string,
      registered: true,
    },
  });
  const { problem, handle, clear } = useFormProblem(form, POSITION_FIELDS);
  const add = useOpMutation(op.addFairPosition, { invalidates: INVALIDATES });
  const num = (v: number | string) => (typeof v === 'number' ? v : Number(v));
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        clear();
        const body: op.PositionAdd = v.vacancyId
          ? { vacancyId: v.vacancyId }
          : {
              title: v.title,
              openings: num(v.openings),
              startDate: v.startDate,
              contractType: v.contractType,
              wageMin: num(v.wageMin),
              wageBasis: v.wageBasis,
              hoursPerWeek: num(v.hoursPerWeek),
              hoursPerDay: num(v.hoursPerDay),
              shifts: v.shifts as (typeof SHIFTS)[number][],
              hazardClass: v.hazardClass,
              minimumAge: v.minimumAge === '' ? null : num(v.minimumAge),
              registered: v.registered,
            };
        add.mutate({ params: { id: fairId, fairEmployerId: stand }, body }, { onSuccess: onDone, onError: handle });
      })}
    >
      <Stack gap="sm" data-testid="position-form">
        <ProblemAlert problem={problem} />
        <Select
          label={t('fairs.fields.vacancy')}
          description={t('fairs.page.addVacancy')}
          data={(vacancies.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))}
          clearable
          {...form.getInputProps('vacancyId')}
        />
        {form.values.vacancyId ? null : (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('fairs.fields.title')} required {...form.getInputProps('title')} />
            <NumberInput label={t('fairs.fields.openings')} min={1} required {...form.getInputProps('openings')} />
            <DateField label={t('fairs.fields.positionStart')} required {...form.getInputProps('startDate')} />
            <Select
              label={t('fairs.fields.contractType')}
              data={CONTRACT_TYPES.map((c) => ({ value: c, label: t(`vacancies.contractTypes.${c}`) }))}
              {...form.getInputProps('contractType')}
            />
            <NumberInput label={t('fairs.fields.wageMin')} min={0} required {...form.getInputProps('wageMin')} />
            <Select
              label={t('fairs.fields.wageBasis')}
              data={WAGE_BASES.map((c) => ({ value: c, label: t(`vacancies.wageBases.${c}`) }))}
              {...form.getInputProps('wageBasis')}
            />
            <NumberInput label={t('fairs.fields.hoursPerWeek')} min={1} {...form.getInputProps('hoursPerWeek')} />
            <NumberInput label={t('fairs.fields.hoursPerDay')} min={1} {...form.getInputProps('hoursPerDay')} />
            <MultiSelect
              label={t('fairs.fields.shifts')}
              data={SHIFTS.map((c) => ({ value: c, label: t(`vacancies.shifts.${c}`) }))}
              {...form.getInputProps('shifts')}
            />
            <Select
              label={t('fairs.fields.hazardClass')}
              data={HAZARD_CLASSES.map((c) => ({ value: c, label: t(`employers.hazard.${c}`) }))}
              {...form.getInputProps('hazardClass')}
            />
            <NumberInput label={t('fairs.fields.minimumAge')} min={0} {...form.getInputProps('minimumAge')} />
            <Checkbox
              mt="lg"
              label={t('fairs.fields.registered')}
              {...form.getInputProps('registered', { type: 'checkbox' })}
            />
          </SimpleGrid>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} data-testid="position-save">
            {t('fairs.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function VisitorsSection({ fair }: { fair: Fair }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('fairs:manage');
  const visitors = useOp(op.listVisitors, { params: { id: fair.id } });
  const [personId, setPersonId] = useState<string | null>(null);
  const [linking, setLinking] = useState<string | null>(null);
  const pre = useFormProblem();
  const register = useOpMutation(op.preRegisterVisitor, { invalidates: INVALIDATES });
  const link = useOpMutation(op.linkVisitor, { invalidates: INVALIDATES });
  if (visitors.isPending) return <InlineLoader />;
  if (visitors.error) return <LoadError problem={toProblem(visitors.error)} onRetry={() => void visitors.refetch()} />;
  return (
    <Stack gap="md">
      {manage ? (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <ProblemAlert problem={pre.problem} />
            <Group align="flex-end" wrap="wrap">
              <PersonSelect value={personId} onChange={setPersonId} />
              {linking ? (
                <Button
                  disabled={!personId}
                  loading={link.isPending}
                  onClick={() =>
                    link.mutate(
                      { params: { id: fair.id, visitorId: linking }, body: { personId: personId! } },
                      {
                        onSuccess: () => {
                          setLinking(null);
                          setPersonId(null);
                        },
                        onError: pre.handle,
                      },
                    )
                  }
                >
                  {t('fairs.page.link')}
                </Button>
              ) : (
                <Button
                  disabled={!personId}
                  loading={register.isPending}
                  onClick={() =>
                    register.mutate(
                      { params: { id: fair.id }, body: { personId: personId! } },
                      { onSuccess: () => setPersonId(null), onError: pre.handle },
                    )
                  }
                  data-testid="pre-register"
                >
                  {t('fairs.page.preRegister')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      ) : null}
      {visitors.data.items.length === 0 ? (
        <Text c="dimmed">{t('fairs.page.noVisitors')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="fair-visitors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fairs.fields.visitor')}</Table.Th>
                <Table.Th>{t('fairs.columns.status')}</Table.Th>
                <Table.Th>{t('fairs.walkIn.sex')}</Table.Th>
                <Table.Th>{t('fairs.page.applications')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visitors.data.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    {v.personId ? (
                      <Anchor component={Link} to={`/persons/${v.personId}`}>
                        {v.name}
                      </Anchor>
                    ) : (
                      v.name
                    )}
                    {v.phone ? (
                      <Text size="xs" c="dimmed" dir="ltr">
                        {v.phone}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`fairs.channels.${v.channel}`)}</Table.Td>
                  <Table.Td>{t(`fairs.sexes.${v.sex}`)}</Table.Td>
                  <Table.Td>{formatNumber(v.applications)}</Table.Td>
                  <Table.Td>
                    {manage && !v.personId ? (
                      <Button size="xs" variant="light" onClick={() => setLinking(linking === v.id ? null : v.id)}>
                        {t('fairs.page.link')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ApplicationsSection({ fair }: { fair: Fair }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('fairs:manage');
  const applications = useOp(op.listFairApplications, { params: { id: fair.id } });
  const visitors = useOp(op.listVisitors, { params: { id: fair.id } }, { enabled: manage });
  const form = useForm({ initialValues: { visitorId: null as string | null, positionId: null as string | null } });
  const { problem, handle, clear } = useFormProblem(form, ['visitorId', 'positionId']);
  const apply = useOpMutation(op.applyAtFair, { invalidates: INVALIDATES });
  const outcome = useOpMutation(op.updateFairApplication, { invalidates: INVALIDATES });
  const positions = fair.employers.flatMap((e) =>
    e.positions.map((p) => ({ value: p.id, label: `${p.title} · ${e.name}` })),
  );
  if (applications.isPending) return <InlineLoader />;
  if (applications.error)
    return <LoadError problem={toProblem(applications.error)} onRetry={() => void applications.refetch()} />;
  const next = (a: FairApplication) => (a.referralId ? [] : FAIR_APPLICATION_TRANSITIONS[a.status]);
  return (
    <Stack gap="md">
      {manage ? (
        <Card withBorder padding="md">
          <form
            noValidate
            onSubmit={form.onSubmit((v) => {
              clear();
              apply.mutate(
                { params: { id: fair.id }, body: { visitorId: v.visitorId ?? '', positionId: v.positionId ?? '' } },
                { onSuccess: () => form.reset(), onError: handle },
              );
            })}
          >
            <Stack gap="sm">
              <ProblemAlert problem={problem} />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select
                  label={t('fairs.fields.visitor')}
                  data={(visitors.data?.items ?? [])
                    .filter((v) => v.personId)
                    .map((v) => ({ value: v.id, label: v.name }))}
                  searchable
                  required
                  {...form.getInputProps('visitorId')}
                />
                <Select
                  label={t('fairs.fields.position')}
                  data={positions}
                  searchable
                  required
                  {...form.getInputProps('positionId')}
                />
                <Group align="flex-end">
                  <Button type="submit" loading={apply.isPending}>
                    {t('fairs.page.apply')}
                  </Button>
                </Group>
              </SimpleGrid>
            </Stack>
          </form>
        </Card>
      ) : null}
      {applications.data.items.length === 0 ? (
        <Text c="dimmed">{t('fairs.page.noApplications')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="fair-applications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fairs.fields.visitor')}</Table.Th>
                <Table.Th>{t('fairs.fields.position')}</Table.Th>
                <Table.Th>{t('fairs.columns.status')}</Table.Th>
                <Table.Th>{t('fairs.page.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {applications.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>
                    {a.position}
                    <Text size="xs" c="dimmed">
                      {a.employer} · {formatDate(a.appliedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {a.referralId && a.referralStatus ? (
                      <Anchor component={Link} to={`/referrals/${a.referralId}`}>
                        <ReferralStatusBadge status={a.referralStatus} />
                      </Anchor>
                    ) : (
                      t(`fairs.applicationStatuses.${a.status}`)
                    )}
                  </Table.Td>
                  <Table.Td>
                    {manage ? (
                      <Group gap="xs">
                        {next(a).map((s) => (
                          <Button
                            key={s}
                            size="xs"
                            variant="light"
                            loading={outcome.isPending}
                            onClick={() =>
                              outcome.mutate({
                                params: { id: fair.id, applicationId: a.id },
                                body: { status: s as 'interview' | 'hired' | 'not-hired' },
                              })
                            }
                          >
                            {t(`fairs.applicationStatuses.${s}`)}
                          </Button>
                        ))}
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

const SEXES = ['total', 'female', 'male', 'unstated'] as const;

function ReportSection({ fair }: { fair: Fair }) {
  const { t } = useTranslation();
  const report = useOp(op.fairReport, { params: { id: fair.id } });
  if (report.isPending) return <InlineLoader />;
  if (report.error) return <LoadError problem={toProblem(report.error)} onRetry={() => void report.refetch()} />;
  const r: FairReport = report.data;
  const cell = (c: FairReport['visitors']['total']) => (c.suppressed ? '–' : formatNumber(c.value ?? 0));
  const groupLabel = (g: string) =>
    g === 'none' || g === 'unregistered' ? t(`fairs.report.groups.${g}`) : t(`groups.names.${g}`);
  return (
    <Stack gap="md" data-testid="fair-report">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {r.threshold === null ? t('fairs.report.exact') : t('fairs.report.suppressed', { threshold: r.threshold })}
        </Text>
        <Button
          component="a"
          href={`${API_BASE}/fairs/${fair.id}/report/export`}
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('fairs.page.exportCsv')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        {(['walkIns', 'preRegistered', 'applications', 'referrals', 'interviews', 'hires'] as const).map((k) => (
          <Card key={k} withBorder padding="sm">
            <Text size="xs" c="dimmed">
              {t(`fairs.report.${k}`)}
            </Text>
            <Text fw={700} size="xl" data-testid={`report-${k}`}>
              {formatNumber(r[k])}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fairs.report.group')}</Table.Th>
              {SEXES.map((s) => (
                <Table.Th key={s}>{t(`fairs.report.sex.${s}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td fw={700}>{t('fairs.report.allVisitors')}</Table.Td>
              {SEXES.map((s) => (
                <Table.Td key={s} fw={700}>
                  {cell(r.visitors[s])}
                </Table.Td>
              ))}
            </Table.Tr>
            {r.groups.map((g) => (
              <Table.Tr key={g.group}>
                <Table.Td>{groupLabel(g.group)}</Table.Td>
                {SEXES.map((s) => (
                  <Table.Td key={s}>{cell(g[s])}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fairs.report.employer')}</Table.Th>
              <Table.Th>{t('fairs.report.positions')}</Table.Th>
              <Table.Th>{t('fairs.report.openings')}</Table.Th>
              <Table.Th>{t('fairs.report.applications')}</Table.Th>
              <Table.Th>{t('fairs.report.interviews')}</Table.Th>
              <Table.Th>{t('fairs.report.hires')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.employers.map((e) => (
              <Table.Tr key={e.name}>
                <Table.Td>{e.name}</Table.Td>
                <Table.Td>{formatNumber(e.positions)}</Table.Td>
                <Table.Td>{formatNumber(e.openings)}</Table.Td>
                <Table.Td>{formatNumber(e.applications)}</Table.Td>
                <Table.Td>{formatNumber(e.interviews)}</Table.Td>
                <Table.Td>{formatNumber(e.hires)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** A fair: details and the walk-in QR code; employers and positions, visitors, applications and the report. */
export function FairPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const fair = useOp(op.getFair, { params: { id } });
  useDocumentTitle(fair.data?.name ?? t('fairs.title'));
  if (fair.isPending) return <PageLoader />;
  if (fair.error) return <LoadError problem={toProblem(fair.error)} onRetry={() => void fair.refetch()} />;
  const f = fair.data;
  return (
    <Stack gap="md">
      <PageHeader
        title={f.name}
        actions={
          <Group gap="sm">
            <FairStatusBadge status={f.status} />
            {can('fairs:manage') ? (
              <Button component={Link} to={`/fairs/${f.id}/edit`} variant="default" data-testid="fair-edit">
                {t('fairs.edit')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Card withBorder padding="md">
        <Group align="flex-start" justify="space-between" wrap="wrap">
          <Stack gap={4}>
            <Text data-testid="fair-when-where">
              {formatDate(f.startDate)}
              {f.endDate !== f.startDate ? ` – ${formatDate(f.endDate)}` : ''} · {f.place}, {f.district} / {f.province}
            </Text>
            <Text size="sm" c="dimmed">
              {t('fairs.fields.office')}: {f.office}
            </Text>
            {f.project ? (
              <Text size="sm" c="dimmed">
                {t('fairs.page.projectLine', { project: f.project })}
              </Text>
            ) : null}
            <Text size="sm">
              {t('fairs.columns.visitors')}: {formatNumber(f.visitors)} · {t('fairs.page.applications')}:{' '}
              {formatNumber(f.applications)}
            </Text>
          </Stack>
          <Stack gap={4} align="center" maw={200}>
            <Text fw={600} size="sm">
              {t('fairs.page.qrTitle')}
            </Text>
            <img
              className="qr-image"
              src={svgDataUrl(f.walkInQrSvg)}
              alt={t('fairs.page.qrHint')}
              width={160}
              height={160}
            />
            <Anchor
              href={f.walkInUrl}
              size="xs"
              dir="ltr"
              data-testid="walk-in-link"
              style={{ wordBreak: 'break-all' }}
            >
              {f.walkInUrl}
            </Anchor>
          </Stack>
        </Group>
      </Card>
      <Tabs defaultValue="employers" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="employers">{t('fairs.page.employers')}</Tabs.Tab>
          <Tabs.Tab value="visitors">{t('fairs.page.visitors')}</Tabs.Tab>
          <Tabs.Tab value="applications">{t('fairs.page.applications')}</Tabs.Tab>
          <Tabs.Tab value="report">{t('fairs.page.report')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="employers" pt="md">
          <EmployersSection fair={f} />
        </Tabs.Panel>
        <Tabs.Panel value="visitors" pt="md">
          <VisitorsSection fair={f} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <ApplicationsSection fair={f} />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <ReportSection fair={f} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
