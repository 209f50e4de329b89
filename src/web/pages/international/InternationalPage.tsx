import { useState } from 'react';
import { Link } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  useDirection,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { formatDate, listSeparator } from '../../components/format.ts';
import { localTitle } from '../courses/labels.ts';
import { monthEnd, THEMES, type Theme } from '../../../common/international.ts';
import {
  listAgreements,
  listEvents,
  listMemberships,
  listPartnerOptions,
  listPractices,
  listPublications,
  type CoopEvent,
  type Membership,
  type Practice,
  type Publication,
} from '../../../common/contracts/international.ts';
import { formatPeriod, partnerLabel } from './labels.ts';
import { EventForm, MembershipForm, PracticeForm, PublicationForm } from './RecordForms.tsx';
import { MonthField } from '../../components/DateFields.tsx';
import { countryName } from '../../components/people/format.ts';
import { FormModal } from '../../components/FormModal.tsx';

type Loadable = { isPending: boolean; error: unknown; refetch: () => unknown };

function state(q: Loadable) {
  if (q.isPending) return <InlineLoader />;
  if (q.error) return <LoadError problem={toProblem(q.error)} onRetry={() => void q.refetch()} />;
  return null;
}

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

/** An edit button for one record of a list, named after the record for screen readers. */
function EditButton({ label, name, onClick }: { label: string; name: string; onClick: () => void }) {
  return (
    <Button
      size="xs"
      variant="subtle"
      leftSection={<IconPencil size={14} aria-hidden />}
      aria-label={`${label}: ${name}`}
      onClick={onClick}
      data-testid="edit-record"
    >
      {label}
    </Button>
  );
}

/** An event's dates, place, host, participants, topics and outcomes; its title links to its page unless `linked` is false. */
export function EventCard({ event, linked = true }: { event: CoopEvent; linked?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="intl-event">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          {linked ? (
            <Anchor component={Link} to={`/international/events/${event.id}`} fw={600}>
              {event.title}
            </Anchor>
          ) : (
            <Text fw={600}>{event.title}</Text>
          )}
          <Text size="sm" c="dimmed">
            {formatPeriod(event.startDate, event.endDate, event.precision)}
            {event.place ? ` · ${event.place}` : ''}
          </Text>
        </Stack>
        <Badge variant="light">{t(`international.eventKinds.${event.kind}`)}</Badge>
      </Group>
      {event.host ? (
        <Text size="sm" mt={4}>
          {t('international.host')}: {partnerLabel(event.host)}
        </Text>
      ) : null}
      {event.partners.length ? (
        <Text size="sm">
          {t('international.participants')}: {event.partners.map(partnerLabel).join(listSeparator())}
        </Text>
      ) : null}
      {event.topics ? (
        <Text size="sm">
          {t('international.topics')}: {event.topics}
        </Text>
      ) : null}
      {event.outcomes ? (
        <Text size="sm">
          {t('international.outcomes')}: {event.outcomes}
        </Text>
      ) : null}
    </Card>
  );
}

function CalendarTab() {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [month, setMonth] = useState(thisMonth());
  const { dir } = useDirection();
  const Previous = dir === 'rtl' ? IconChevronRight : IconChevronLeft;
  const Next = dir === 'rtl' ? IconChevronLeft : IconChevronRight;
  const from = `${month}-01`;
  const events = useOp(listEvents, { query: { from, to: monthEnd(from) } });
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Button
          variant="default"
          size="xs"
          onClick={() => setMonth(shiftMonth(month, -1))}
          aria-label={t('international.previousMonth')}
        >
          <Previous size={16} aria-hidden />
        </Button>
        <MonthField
          aria-label={t('international.month')}
          value={month}
          onChange={(v) => v && setMonth(v)}
          first="1988-01"
          w={200}
          data-testid="calendar-month"
        />
        <Button
          variant="default"
          size="xs"
          onClick={() => setMonth(shiftMonth(month, 1))}
          aria-label={t('international.nextMonth')}
        >
          <Next size={16} aria-hidden />
        </Button>
        <Title order={2} size="h4">
          {formatDate(from, { dateStyle: undefined, year: 'numeric', month: 'long' })}
        </Title>
        {can('international:manage') ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="new-event"
          >
            {t('international.newEvent')}
          </Button>
        ) : null}
      </Group>
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('international.newEvent')}>
        <EventForm onClose={() => setAdding(false)} />
      </FormModal>
      {state(events) ??
        (events.data!.items.length === 0 ? (
          <Empty title={t('international.noEvents')} description={t('international.noEventsText')} />
        ) : (
          events.data!.items.map((e) => <EventCard key={e.id} event={e} />)
        ))}
    </Stack>
  );
}

function AgreementsTab() {
  const { t } = useTranslation();
  const list = useOp(listAgreements, { query: {} });
  return (
    state(list) ??
    (list.data!.items.length === 0 ? (
      <Empty title={t('international.noAgreements')} />
    ) : (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" data-testid="agreements-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('international.fields.title')}</Table.Th>
              <Table.Th>{t('international.fields.parties')}</Table.Th>
              <Table.Th>{t('international.fields.signedOn')}</Table.Th>
              <Table.Th>{t('international.fields.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data!.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/international/agreements/${a.id}`} size="sm" fw={600}>
                    {a.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {a.parties.map((p) => (
                    <Text size="sm" key={p.partner.id}>
                      {partnerLabel(p.partner)}
                      {p.nameAtSigning ? ` (${t('international.nameAtSigning')}: ${p.nameAtSigning})` : ''}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>{formatDate(a.signedOn)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`international.agreementStatuses.${a.status}`)}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    ))
  );
}

function MembershipsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm">
      {can('international:manage') ? (
        <Group justify="flex-end">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="new-membership"
          >
            {t('international.newMembership')}
          </Button>
        </Group>
      ) : null}
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('international.newMembership')}>
        <MembershipForm onClose={() => setAdding(false)} />
      </FormModal>
      <MembershipsList />
    </Stack>
  );
}

function MembershipsList() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('international:manage');
  const [editing, setEditing] = useState<Membership | null>(null);
  const list = useOp(listMemberships, { query: {} });
  const close = () => setEditing(null);
  return (
    <>
      <FormModal opened={editing !== null} onClose={close} title={t('international.editMembership')}>
        {editing ? <MembershipForm membership={editing} onClose={close} /> : null}
      </FormModal>
      {state(list) ??
        (list.data!.items.length === 0 ? (
          <Empty title={t('international.noMemberships')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="memberships-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('international.fields.member')}</Table.Th>
                  <Table.Th>{t('international.fields.network')}</Table.Th>
                  <Table.Th>{t('international.fields.role')}</Table.Th>
                  <Table.Th>{t('international.fields.period')}</Table.Th>
                  {manage ? <Table.Th aria-label={t('international.edit')} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data!.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/international/partners/${m.member.id}`} size="sm">
                        {m.member.acronym ?? m.member.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/international/partners/${m.network.id}`} size="sm">
                        {partnerLabel(m.network)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`international.roles.${m.role}`)}</Table.Td>
                    <Table.Td>{formatPeriod(m.startDate, m.endDate, m.precision)}</Table.Td>
                    {manage ? (
                      <Table.Td>
                        <EditButton
                          label={t('international.edit')}
                          name={`${m.member.acronym ?? m.member.name} – ${partnerLabel(m.network)}`}
                          onClick={() => setEditing(m)}
                        />
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
    </>
  );
}

function PartnersTab() {
  const { t } = useTranslation();
  const list = useOp(listPartnerOptions, undefined);
  return (
    state(list) ?? (
      <Table verticalSpacing="xs" data-testid="intl-partners">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('international.fields.partner')}</Table.Th>
            <Table.Th>{t('international.fields.country')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data!.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/international/partners/${p.id}`} size="sm">
                  {partnerLabel(p)}
                </Anchor>
              </Table.Td>
              <Table.Td dir="ltr">{p.country ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    )
  );
}

function ThemeSelect({ value, onChange }: { value: Theme | null; onChange: (v: Theme | null) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('international.fields.theme')}
      data={THEMES.map((th) => ({ value: th, label: t(`international.themes.${th}`) }))}
      value={value}
      onChange={(v) => onChange(v)}
      clearable
      placeholder={t('common.all')}
      w={{ base: '100%', sm: 240 }}
    />
  );
}

/** What a tab's modal form is open for: nothing, a new record, or an existing one to edit. */
function useRecordEditor<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return { editing, open: setEditing, close: () => setEditing(null) };
}

/** A tab's add button, shown to managers only. */
function AddButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  const can = useCan();
  if (!can('international:manage')) return null;
  return (
    <Button
      variant="light"
      leftSection={<IconPlus size={14} aria-hidden />}
      onClick={onClick}
      data-testid={testId}
      ms="auto"
    >
      {label}
    </Button>
  );
}

function PublicationsTab() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [theme, setTheme] = useState<Theme | null>(null);
  const list = useOp(listPublications, { query: { q, theme } });
  const editor = useRecordEditor<Publication>();
  return (
    <Stack gap="sm">
      <FormModal
        opened={editor.editing !== null}
        onClose={editor.close}
        title={t(editor.editing === 'new' ? 'international.newPublication' : 'international.editPublication')}
      >
        <PublicationForm
          publication={editor.editing === 'new' || editor.editing === null ? undefined : editor.editing}
          onClose={editor.close}
        />
      </FormModal>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 280 }}
          data-testid="publication-search"
        />
        <ThemeSelect value={theme} onChange={setTheme} />
        <AddButton
          label={t('international.newPublication')}
          onClick={() => editor.open('new')}
          testId="new-publication"
        />
      </Group>
      {state(list) ??
        (list.data!.items.length === 0 ? (
          <Empty title={t('international.noPublications')} description={t('common.noMatchText')} />
        ) : (
          list.data!.items.map((p) => (
            <Card withBorder padding="sm" key={p.id} data-testid="intl-publication">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{localTitle(p.title, i18n.language)}</Text>
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {t(`international.publicationKinds.${p.kind}`)} · {p.year}
                    {p.series ? ` · ${p.series}` : ''}
                    {p.issue ? ` · ${p.issue}` : ''}
                  </Text>
                  {can('international:manage') ? (
                    <EditButton
                      label={t('international.edit')}
                      name={localTitle(p.title, i18n.language)}
                      onClick={() => editor.open(p)}
                    />
                  ) : null}
                </Group>
              </Group>
              <Group gap={4} mt={4}>
                {p.themes.map((th) => (
                  <Badge key={th} variant="outline" size="sm">
                    {t(`international.themes.${th}`)}
                  </Badge>
                ))}
              </Group>
            </Card>
          ))
        ))}
    </Stack>
  );
}

function PracticesTab() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [theme, setTheme] = useState<Theme | null>(null);
  const list = useOp(listPractices, { query: { q, theme } });
  const editor = useRecordEditor<Practice>();
  return (
    <Stack gap="sm">
      <FormModal
        opened={editor.editing !== null}
        onClose={editor.close}
        title={t(editor.editing === 'new' ? 'international.newPractice' : 'international.editPractice')}
      >
        <PracticeForm
          practice={editor.editing === 'new' || editor.editing === null ? undefined : editor.editing}
          onClose={editor.close}
        />
      </FormModal>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('international.searchPractices')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
          data-testid="practice-search"
        />
        <ThemeSelect value={theme} onChange={setTheme} />
        <AddButton label={t('international.newPractice')} onClick={() => editor.open('new')} testId="new-practice" />
      </Group>
      {state(list) ??
        (list.data!.items.length === 0 ? (
          <Empty title={t('international.noPractices')} description={t('common.noMatchText')} />
        ) : (
          list.data!.items.map((p) => (
            <Card withBorder padding="sm" key={p.id} data-testid="intl-practice">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{localTitle(p.title, i18n.language)}</Text>
                {can('international:manage') ? (
                  <EditButton
                    label={t('international.edit')}
                    name={localTitle(p.title, i18n.language)}
                    onClick={() => editor.open(p)}
                  />
                ) : null}
              </Group>
              <Text size="sm">{localTitle(p.summary, i18n.language)}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                {[p.partner ? partnerLabel(p.partner) : null, p.country ? countryName(p.country) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Card>
          ))
        ))}
    </Stack>
  );
}

const TABS = ['calendar', 'agreements', 'memberships', 'partners', 'publications', 'practices'] as const;

/** International cooperation: the calendar of events, agreements, memberships, partners' timelines, publications and good practices. */
export function InternationalPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [tab, setTab] = useState<string | null>('calendar');
  return (
    <Stack gap="md">
      <PageHeader
        title={t('international.title')}
        description={t('international.description')}
        actions={
          can('international:manage') ? (
            <Button
              component={Link}
              to="/international/agreements/new"
              leftSection={<IconPlus size={16} aria-hidden />}
              data-testid="new-agreement"
            >
              {t('international.newAgreement')}
            </Button>
          ) : null
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`international.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Card withBorder padding="md" mt="sm">
          <Tabs.Panel value="calendar">
            <CalendarTab />
          </Tabs.Panel>
          <Tabs.Panel value="agreements">
            <AgreementsTab />
          </Tabs.Panel>
          <Tabs.Panel value="memberships">
            <MembershipsTab />
          </Tabs.Panel>
          <Tabs.Panel value="partners">
            <PartnersTab />
          </Tabs.Panel>
          <Tabs.Panel value="publications">
            <PublicationsTab />
          </Tabs.Panel>
          <Tabs.Panel value="practices">
            <PracticesTab />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </Stack>
  );
}
