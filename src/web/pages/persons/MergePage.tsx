import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Radio,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowsJoin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatList } from '../../components/format.ts';
import { ProblemAlert, toProblem } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { ConfirmDialog, InlineLoader, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { fullName } from '../../components/people/format.ts';
import { PersonSearchPick } from '../../components/people/PersonSearchPick.tsx';
import type { Person } from '../../components/people/types.ts';
import { personKey, usePerson } from './profile/queries.ts';
import { callOp, useOpMutation } from '../../api/ops.ts';
import { checkDuplicates, mergePersons } from '../../../common/contracts/people.ts';

/** The rows of the side-by-side comparison: what tells two records of the same name apart. */
const ROWS: { key: string; label: string; value: (p: Person) => string | null; ltr?: boolean }[] = [
  { key: 'name', label: 'persons.columns.name', value: fullName },
  { key: 'birthDate', label: 'persons.fields.birthDate', value: (p) => formatDate(p.birthDate) },
  { key: 'idNumber', label: 'persons.fields.idNumber', value: (p) => p.idNumberMasked, ltr: true },
  { key: 'phone', label: 'persons.fields.phone', value: (p) => p.phone, ltr: true },
  { key: 'email', label: 'persons.fields.email', value: (p) => p.email, ltr: true },
  { key: 'address', label: 'persons.fields.address', value: (p) => p.address },
  { key: 'district', label: 'persons.fields.district', value: (p) => `${p.district}, ${p.province}` },
  { key: 'office', label: 'persons.fields.office', value: (p) => p.office.name },
  { key: 'occupations', label: 'persons.fields.desiredOccupations', value: (p) => formatList(p.desiredOccupations) },
  { key: 'registeredAt', label: 'persons.merge.registeredAt', value: (p) => formatDate(p.createdAt.slice(0, 10)) },
];

function Comparison({ a, b }: { a: Person; b: Person }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" withTableBorder data-testid="merge-compare">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <VisuallyHidden>{t('persons.merge.field')}</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">{t('persons.merge.thisRecord')}</Table.Th>
            <Table.Th scope="col">{t('persons.merge.otherRecord')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map((row) => {
            const va = row.value(a) || null;
            const vb = row.value(b) || null;
            const differs = va !== vb;
            const cell = (v: string | null) =>
              v === null ? (
                <Text span size="sm" c="dimmed">
                  {t('persons.merge.empty')}
                </Text>
              ) : (
                <bdi className={row.ltr ? 'ltr' : undefined}>{v}</bdi>
              );
            return (
              <Table.Tr key={row.key} data-testid={`merge-row-${row.key}`} data-differs={differs || undefined}>
                <Table.Th scope="row" fw={500}>
                  {t(row.label)}
                  {differs ? (
                    <Text span size="xs" fw={700}>
                      {' '}
                      ({t('persons.merge.differs')})
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>{cell(va)}</Table.Td>
                <Table.Td>{cell(vb)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Likely duplicates of this record (same name and birth date, same phone, same ID number). */
function useLikelyDuplicates(person: Person) {
  return useQuery({
    queryKey: [...personKey(person.id), 'duplicates'],
    queryFn: () =>
      callOp(checkDuplicates, {
        body: {
          givenName: person.givenName,
          familyName: person.familyName,
          birthDate: person.birthDate,
          phone: person.phone,
          exceptId: person.id,
        },
      }),
  });
}

function Merge({ person }: { person: Person }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [asking, setAsking] = useState(false);
  const merging = useOpMutation(mergePersons, { invalidates: [['persons'], ['person']] });
  const problem = merging.error ? toProblem(merging.error) : null;
  const likely = useLikelyDuplicates(person);
  const other = usePerson(otherId ?? '', { enabled: otherId !== null });
  useDocumentTitle(t('persons.merge.title'));

  function pick(id: string | null) {
    setOtherId(id);
    setKeep('this');
    merging.reset();
  }

  const o = otherId && other.data && other.data.id === otherId ? other.data : null;
  const kept = keep === 'this' ? person : o;
  const dropped = keep === 'this' ? o : person;

  function merge() {
    if (!kept || !dropped) return;
    merging.mutate(
      { params: { id: kept.id }, body: { duplicateId: dropped.id } },
      {
        onSuccess: (result) => {
          setAsking(false);
          notifySuccess(t('persons.merge.done', { name: fullName(kept) }));
          void navigate(`/persons/${result.id}`);
        },
        onError: () => setAsking(false),
      },
    );
  }

  const candidates = likely.data?.candidates ?? [];
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/persons" size="sm">
          {t('persons.title')}
        </Anchor>
        <Anchor component={Link} to={`/persons/${person.id}`} size="sm">
          <bdi>{fullName(person)}</bdi>
        </Anchor>
        <Text size="sm">{t('persons.merge.title')}</Text>
      </Breadcrumbs>
      <Stack gap={4} maw={760}>
        <Title order={1} size="h2">
          {t('persons.merge.title')}
        </Title>
        <Text c="dimmed">{t('persons.merge.intro', { name: fullName(person) })}</Text>
      </Stack>

      <Card withBorder component="section" aria-labelledby="merge-step-1">
        <Stack>
          <Title order={2} size="h4" id="merge-step-1">
            {t('persons.merge.step1')}
          </Title>
          {likely.isPending ? (
            <InlineLoader />
          ) : likely.error ? (
            <LoadError problem={toProblem(likely.error)} onRetry={() => void likely.refetch()} />
          ) : candidates.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="merge-no-candidates">
              {t('persons.merge.noCandidates')}
            </Text>
          ) : (
            <Radio.Group
              value={candidates.some((c) => c.id === otherId) ? otherId : null}
              onChange={pick}
              label={t('persons.merge.likely')}
            >
              <Stack gap="xs" mt="xs">
                {candidates.map((c) => (
                  <Radio.Card key={c.id} value={c.id} p="sm" radius="md" data-testid="merge-candidate">
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator />
                      <Stack gap={2}>
                        <Text fw={600} size="sm">
                          <bdi>{fullName(c)}</bdi>
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('persons.pick.identityLine', {
                            birthDate: formatDate(c.birthDate),
                            id: c.idNumberMasked ?? t('persons.pick.noIdNumber'),
                          })}{' '}
                          · {c.district}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('persons.duplicates.because', {
                            reasons: formatList(c.reasons.map((r) => t(`persons.duplicates.reasons.${r}`))),
                          })}
                        </Text>
                      </Stack>
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
          )}
          <PersonSearchPick
            value={otherId}
            onChange={pick}
            exclude={[person.id]}
            label={t('persons.merge.searchOther')}
          />
        </Stack>
      </Card>

      {otherId ? (
        <Card withBorder component="section" aria-labelledby="merge-step-2">
          <Stack>
            <Title order={2} size="h4" id="merge-step-2">
              {t('persons.merge.step2')}
            </Title>
            {other.error ? (
              <LoadError problem={toProblem(other.error)} onRetry={() => void other.refetch()} />
            ) : !o ? (
              <InlineLoader />
            ) : (
              <>
                <Comparison a={person} b={o} />
                <Radio.Group
                  value={keep}
                  onChange={(v) => setKeep(v === 'other' ? 'other' : 'this')}
                  label={t('persons.merge.keepLabel')}
                  description={t('persons.merge.keepHint')}
                >
                  <Stack gap="xs" mt="xs">
                    <Radio value="this" label={t('persons.merge.keepThis', { name: fullName(person) })} />
                    <Radio
                      value="other"
                      label={t('persons.merge.keepOther', { name: fullName(o) })}
                      data-testid="merge-keep-other"
                    />
                  </Stack>
                </Radio.Group>
                <Alert color="blue" variant="light" title={t('persons.merge.whatHappens')}>
                  <Text size="sm">{t('persons.merge.whatHappensText')}</Text>
                </Alert>
              </>
            )}
          </Stack>
        </Card>
      ) : null}

      <ProblemAlert problem={problem} onClose={() => merging.reset()} />
      <Group justify="flex-end">
        <Button variant="default" component={Link} to={`/persons/${person.id}`}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconArrowsJoin size={16} aria-hidden />}
          disabled={!kept || !dropped}
          onClick={() => setAsking(true)}
          data-testid="merge-start"
        >
          {t('persons.merge.action')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={asking && !!kept && !!dropped}
        title={t('persons.merge.confirmTitle')}
        message={
          kept && dropped
            ? t('persons.merge.confirmText', {
                dropped: fullName(dropped),
                droppedBirth: formatDate(dropped.birthDate),
                kept: fullName(kept),
                keptBirth: formatDate(kept.birthDate),
              })
            : ''
        }
        confirmLabel={t('persons.merge.confirm')}
        danger
        loading={merging.isPending}
        onConfirm={merge}
        onCancel={() => setAsking(false)}
      />
    </Stack>
  );
}

/** Merging two records of the same person (POST /persons/:id/merge), from this person's record. */
export function MergePage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  if (person.isPending) return <PageLoader />;
  if (person.error) return <LoadError problem={toProblem(person.error)} onRetry={() => void person.refetch()} />;
  return <Merge key={person.data.id} person={person.data} />;
}
