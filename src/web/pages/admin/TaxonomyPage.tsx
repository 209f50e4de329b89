import { useState } from 'react';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import * as op from '../../../common/contracts/taxonomy.ts';
import type { IscoGroup, ReviewItem, TaxonomyLabel } from '../../../common/contracts/taxonomy.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { currentLocale } from '../../i18n/index.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { PlatformOnlyNote } from '../../components/ReferenceAdmin.tsx';
import { Pager } from '../../components/Pager.tsx';

type Lang = 'tr' | 'en' | 'ar';
type Status = 'project' | 'reviewed';

const LANGS: Lang[] = ['tr', 'en', 'ar'];

/** The attribution ESCO's reuse policy asks for wherever ESCO data is shown. */
function EscoNote() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="esco-attribution">
      {t('taxonomy.escoAttribution')}
    </Text>
  );
}

function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'reviewed' ? 'teal.9' : 'orange.9'}>
      {t(`taxonomy.status.${status}`)}
    </Badge>
  );
}

function SearchPanel({ onOpen }: { onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const lang = currentLocale();
  const hits = useOp(op.searchOccupations, { query: { q, lang, limit: 10 } }, { enabled: q.length > 0 });
  let body;
  if (q.length === 0) body = <Text c="dimmed">{t('taxonomy.searchHint')}</Text>;
  else if (hits.isPending) body = <InlineLoader />;
  else if (hits.error) body = <LoadError problem={toProblem(hits.error)} onRetry={() => void hits.refetch()} />;
  else if (hits.data.items.length === 0) body = <Empty title={t('taxonomy.noHits')} />;
  else
    body = (
      <Table verticalSpacing="xs" highlightOnHover data-testid="taxonomy-hits">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taxonomy.code')}</Table.Th>
            <Table.Th>{t('taxonomy.occupation')}</Table.Th>
            <Table.Th>{t('taxonomy.matched')}</Table.Th>
            <Table.Th>{t('taxonomy.score')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {hits.data.items.map((h) => (
            <Table.Tr key={h.iscoCode}>
              <Table.Td>
                <bdi>{h.iscoCode}</bdi>
              </Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => onOpen(h.iscoCode)}>
                  {h.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <bdi>{h.matchedLabel}</bdi>
              </Table.Td>
              <Table.Td>{Math.round(h.score * 100)} %</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  return (
    <Stack>
      <TextInput
        label={t('taxonomy.searchLabel')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="taxonomy-search"
      />
      {body}
    </Stack>
  );
}

function GroupDetail({ code, onOpen }: { code: string; onOpen: (code: string | null) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('taxonomy:manage');
  const lang = currentLocale();
  const [newLang, setNewLang] = useState<Lang>(lang);
  const [newLabel, setNewLabel] = useState('');
  const [removing, setRemoving] = useState<TaxonomyLabel | null>(null);
  const detail = useOp(op.getIscoGroup, { params: { code }, query: { lang } });
  const children = useOp(op.browseIsco, { query: { parent: code, lang } }, { enabled: code.length < 4 });
  const groupKey = `/taxonomy/isco/${code}`;
  const adding = useOpMutation(op.addIscoAlias, { invalidates: [groupKey] });
  const removal = useOpMutation(op.removeIscoAlias, { invalidates: [groupKey] });
  const problem = adding.error ? toProblem(adding.error) : null;

  function add(e: React.FormEvent) {
    e.preventDefault();
    adding.mutate(
      { params: { code }, body: { lang: newLang, label: newLabel.trim() } },
      {
        onSuccess: () => {
          notifySuccess(t('taxonomy.aliasAdded'));
          setNewLabel('');
        },
      },
    );
  }

  function remove() {
    if (!removing) return;
    removal.mutate(
      { params: { code, labelId: removing.id } },
      {
        onSuccess: () => {
          notifySuccess(t('taxonomy.aliasRemoved'));
          setRemoving(null);
        },
        onError: (err) => notifyProblem(err),
      },
    );
  }

  if (detail.isPending) return <InlineLoader />;
  if (detail.error) return <LoadError problem={toProblem(detail.error)} onRetry={() => void detail.refetch()} />;
  const g = detail.data;
  return (
    <Stack data-testid="taxonomy-group">
      <Breadcrumbs separator="›">
        <Anchor component="button" type="button" onClick={() => onOpen(null)}>
          {t('taxonomy.isco')}
        </Anchor>
        {g.ancestors.map((a) => (
          <Anchor key={a.code} component="button" type="button" onClick={() => onOpen(a.code)}>
            <bdi>{a.code}</bdi>
          </Anchor>
        ))}
        <Text span>
          <bdi>{g.code}</bdi>
        </Text>
      </Breadcrumbs>
      <Title order={2} size="h3">
        <bdi>{g.code}</bdi> {g.title}
      </Title>
      <Table variant="vertical" withTableBorder maw={720}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>{t('taxonomy.langs.tr')}</Table.Th>
            <Table.Td lang="tr" dir="ltr">
              <Group gap="xs">
                {g.titleTr} <StatusBadge status={g.trStatus} />
              </Group>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('taxonomy.langs.en')}</Table.Th>
            <Table.Td lang="en" dir="ltr">
              {g.titleEn}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('taxonomy.langs.ar')}</Table.Th>
            <Table.Td lang="ar" dir="rtl">
              <Group gap="xs">
                {g.titleAr} <StatusBadge status={g.arStatus} />
              </Group>
            </Table.Td>
          </Table.Tr>
          {g.iskurCode ? (
            <Table.Tr>
              <Table.Th>{t('taxonomy.iskurCode')}</Table.Th>
              <Table.Td>{g.iskurCode}</Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>

      {code.length < 4 ? (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('taxonomy.children')}
          </Title>
          {children.isPending ? (
            <InlineLoader />
          ) : children.error ? (
            <LoadError problem={toProblem(children.error)} />
          ) : (
            <GroupList items={children.data.items} onOpen={onOpen} />
          )}
        </Stack>
      ) : (
        <>
          <Title order={3} size="h4">
            {t('taxonomy.labels')}
          </Title>
          {g.labels.length === 0 ? (
            <Empty title={t('taxonomy.noLabels')} />
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" data-testid="taxonomy-labels">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('taxonomy.language')}</Table.Th>
                    <Table.Th>{t('taxonomy.label')}</Table.Th>
                    <Table.Th>{t('taxonomy.kind')}</Table.Th>
                    {canManage ? (
                      <Table.Th>
                        <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.labels.map((l) => (
                    <Table.Tr key={l.id} c={l.removed ? 'dimmed' : undefined}>
                      <Table.Td>{t(`taxonomy.langs.${l.lang}`)}</Table.Td>
                      <Table.Td lang={l.lang} dir={l.lang === 'ar' ? 'rtl' : 'ltr'}>
                        {l.removed ? <s>{l.label}</s> : l.label}
                      </Table.Td>
                      <Table.Td>
                        {t(`taxonomy.kinds.${l.kind}`)}
                        {l.removed ? ` · ${t('taxonomy.removed')}` : ''}
                      </Table.Td>
                      {canManage ? (
                        <Table.Td>
                          {!l.removed ? (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              c="red.9"
                              onClick={() => setRemoving(l)}
                              aria-label={t('taxonomy.removeAlias', { label: l.label })}
                            >
                              {t('common.delete')}
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
          {canManage ? (
            <Card withBorder component="form" onSubmit={add} noValidate data-testid="add-alias">
              <Stack gap="sm">
                <Title order={3} size="h5">
                  {t('taxonomy.addAlias')}
                </Title>
                {problem ? <ProblemAlert problem={problem} /> : null}
                <Group align="flex-end" wrap="wrap">
                  <Select
                    label={t('taxonomy.language')}
                    data={LANGS.map((l) => ({ value: l, label: t(`taxonomy.langs.${l}`) }))}
                    value={newLang}
                    onChange={(v) => v && setNewLang(v)}
                    allowDeselect={false}
                    w={160}
                  />
                  <TextInput
                    label={t('taxonomy.alias')}
                    value={newLabel}
                    maxLength={150}
                    lang={newLang}
                    dir={newLang === 'ar' ? 'rtl' : 'ltr'}
                    required
                    onChange={(e) => setNewLabel(e.currentTarget.value)}
                    error={problem?.errors?.find((er) => er.pointer === '/label')?.message}
                  />
                  <Button type="submit" loading={adding.isPending} disabled={!newLabel.trim()}>
                    {t('taxonomy.add')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ) : null}
          <Title order={3} size="h4">
            {t('taxonomy.skills')}
          </Title>
          {g.skills.length === 0 ? (
            <Empty title={t('taxonomy.noSkills')} />
          ) : (
            <Group gap="xs">
              {g.skills.map((s) => (
                <Badge key={s.id} variant={s.relation === 'essential' ? 'filled' : 'outline'} color="indigo.8">
                  {s.title}
                </Badge>
              ))}
            </Group>
          )}
        </>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('taxonomy.removeTitle')}
        message={t('taxonomy.removeMessage', { label: removing?.label ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={removal.isPending}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
      />
    </Stack>
  );
}

function GroupList({ items, onOpen }: { items: IscoGroup[]; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty title={t('taxonomy.noChildren')} />;
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="taxonomy-tree">
      {items.map((g) => (
        <li key={g.code}>
          <UnstyledButton onClick={() => onOpen(g.code)} px="xs" py={4} style={{ borderRadius: 4 }}>
            <Group gap="sm" wrap="nowrap">
              <Text fw={700} w={48} component="span">
                <bdi>{g.code}</bdi>
              </Text>
              <Text component="span">{g.title}</Text>
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}

function BrowsePanel({ code, onOpen }: { code: string | null; onOpen: (code: string | null) => void }) {
  const { t } = useTranslation();
  const lang = currentLocale();
  const majors = useOp(op.browseIsco, { query: { lang } }, { enabled: code === null });
  if (code) return <GroupDetail code={code} onOpen={onOpen} />;
  if (majors.isPending) return <InlineLoader />;
  if (majors.error) return <LoadError problem={toProblem(majors.error)} onRetry={() => void majors.refetch()} />;
  if (majors.data.items.length === 0) return <Empty title={t('taxonomy.notLoaded')} />;
  return <GroupList items={majors.data.items} onOpen={onOpen} />;
}

function ReviewPanel() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('taxonomy:manage');
  const [dataset, setDataset] = useState<'isco' | 'skills'>('isco');
  const [lang, setLang] = useState<'tr' | 'ar'>(currentLocale() === 'ar' ? 'ar' : 'tr');
  const [page, setPage] = useState(1);
  const list = useOp(op.listReviews, { query: { dataset, lang, page, pageSize: 25 } });
  const marking = useOpMutation(op.markReviewed, { invalidates: ['/taxonomy/reviews'] });
  const busyKey = marking.isPending ? marking.variables.body.key : null;

  function markReviewed(item: ReviewItem) {
    marking.mutate(
      { body: { dataset: item.dataset, key: item.key, lang: item.lang } },
      {
        onSuccess: () => notifySuccess(t('taxonomy.markedReviewed')),
        onError: (err) => notifyProblem(err),
      },
    );
  }

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Empty title={t('taxonomy.reviewEmpty')} />;
  else
    body = (
      <Stack>
        <Text size="sm" c="dimmed" role="status">
          {t('taxonomy.reviewCount', { count: list.data.total })}
        </Text>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="taxonomy-reviews">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('taxonomy.code')}</Table.Th>
                <Table.Th>{t('taxonomy.langs.en')}</Table.Th>
                <Table.Th>{t(`taxonomy.langs.${lang}`)}</Table.Th>
                {canManage ? (
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.key}>
                  <Table.Td>
                    <bdi>{item.key}</bdi>
                  </Table.Td>
                  <Table.Td lang="en" dir="ltr">
                    {item.titleEn}
                  </Table.Td>
                  <Table.Td lang={item.lang} dir={item.lang === 'ar' ? 'rtl' : 'ltr'}>
                    {item.text}
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        loading={busyKey === item.key}
                        onClick={() => markReviewed(item)}
                        aria-label={t('taxonomy.markReviewedOf', { text: item.text })}
                      >
                        {t('taxonomy.markReviewed')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={list.data} onChange={setPage} />
      </Stack>
    );
  return (
    <Stack>
      <Text size="sm">{t('taxonomy.reviewIntro')}</Text>
      <Group wrap="wrap">
        <SegmentedControl
          aria-label={t('taxonomy.reviewDataset')}
          value={dataset}
          onChange={(v) => {
            setDataset(v);
            setPage(1);
          }}
          data={[
            { value: 'isco', label: t('taxonomy.isco') },
            { value: 'skills', label: t('taxonomy.skills') },
          ]}
        />
        <SegmentedControl
          aria-label={t('taxonomy.language')}
          value={lang}
          onChange={(v) => {
            setLang(v);
            setPage(1);
          }}
          data={[
            { value: 'tr', label: t('taxonomy.langs.tr') },
            { value: 'ar', label: t('taxonomy.langs.ar') },
          ]}
        />
      </Group>
      {body}
    </Stack>
  );
}

export function TaxonomyPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [tab, setTab] = useState<string | null>('search');
  const [code, setCode] = useState<string | null>(null);
  const open = (c: string | null) => {
    setCode(c);
    setTab('browse');
  };
  return (
    <Stack gap="md">
      <PageHeader title={t('taxonomy.title')} description={t('taxonomy.description')} />
      {!can('taxonomy:manage') ? <PlatformOnlyNote>{t('taxonomy.platformOnly')}</PlatformOnlyNote> : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="search">{t('taxonomy.tabs.search')}</Tabs.Tab>
          <Tabs.Tab value="browse">{t('taxonomy.tabs.browse')}</Tabs.Tab>
          <Tabs.Tab value="review">{t('taxonomy.tabs.review')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="search" pt="md">
          <SearchPanel onOpen={open} />
        </Tabs.Panel>
        <Tabs.Panel value="browse" pt="md">
          <BrowsePanel code={code} onOpen={open} />
        </Tabs.Panel>
        <Tabs.Panel value="review" pt="md">
          <ReviewPanel />
        </Tabs.Panel>
      </Tabs>
      <EscoNote />
    </Stack>
  );
}
