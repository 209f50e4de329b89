import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  acceptDpRequest,
  addDpDocument,
  answerDpRequest,
  createDpExport,
  DP_EXPORT_DELIVERIES,
  DP_STAFF_IDENTITY_METHODS,
  eraseDpPerson,
  getDpDocument,
  getDpRequest,
  linkDpPerson,
  refuseDpRequest,
  searchDpPerson,
  verifyDpIdentity,
  type DpPersonSummary,
  type DpRequest,
} from '../../../common/contracts/dataprotection.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatDateTime, formatNumber, listSeparator } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { KeptMatchView } from '../../components/work/MatchResults.tsx';
import { deadlineColor, STATUS_COLOR, useDeadlineText } from './labels.ts';

type Op = Parameters<typeof useOpMutation>[0];
const CLOSED = ['answered', 'refused'];

/** A mutation of this request that reads the request (and the register) again afterwards. */
function useChange<O extends Op>(op: O, id: string) {
  return useOpMutation(op, { invalidates: [`/data-protection/requests/${id}`, '/data-protection/requests'] });
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function IdentityCard({ request }: { request: DpRequest }) {
  const { t } = useTranslation();
  const verify = useChange(verifyDpIdentity, request.id);
  const [method, setMethod] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const { problem, handle } = useFormProblem();
  const closed = CLOSED.includes(request.status);
  return (
    <Card withBorder component="section" aria-labelledby="dp-identity">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dp-identity">
          {t('dataProtection.request.identity')}
        </Title>
        {request.identity ? (
          <Text data-testid="dp-identity">
            {t('dataProtection.request.identityDone', {
              method: t(`dataProtection.identityMethods.${request.identity.method}`),
              who: request.identity.verifiedBy ?? t('dataProtection.request.theSession'),
              at: formatDateTime(request.identity.verifiedAt),
            })}
            {request.identity.note ? ` — ${request.identity.note}` : ''}
          </Text>
        ) : (
          <Text c="dimmed">{t('dataProtection.request.identityMissing')}</Text>
        )}
        {!closed && request.channel !== 'self-service' ? (
          <>
            <ProblemAlert problem={problem} />
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('dataProtection.request.identityMethod')}
                data={DP_STAFF_IDENTITY_METHODS.map((m) => ({
                  value: m,
                  label: t(`dataProtection.identityMethods.${m}`),
                }))}
                value={method}
                onChange={setMethod}
                w={280}
              />
              <TextInput
                label={t('dataProtection.request.identityNote')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={500}
                w={320}
              />
              <Button
                disabled={!method}
                loading={verify.isPending}
                onClick={() =>
                  void verify
                    .mutateAsync({
                      params: { id: request.id },
                      body: { method: method as (typeof DP_STAFF_IDENTITY_METHODS)[number], note: note.trim() || null },
                    })
                    .catch(handle)
                }
              >
                {t('dataProtection.request.recordIdentity')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

function PersonCard({ request }: { request: DpRequest }) {
  const { t } = useTranslation();
  const search = useOpMutation(searchDpPerson);
  const link = useChange(linkDpPerson, request.id);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<DpPersonSummary[] | null>(null);
  const { problem, handle } = useFormProblem();
  const closed = CLOSED.includes(request.status);
  const p = request.person;
  return (
    <Card withBorder component="section" aria-labelledby="dp-person">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dp-person">
          {t('dataProtection.request.person')}
        </Title>
        {p ? (
          <Text data-testid="dp-person">
            {p.givenName} {p.familyName} · {t('dataProtection.request.born', { year: p.birthYear })} · {p.district} ·{' '}
            {p.office}
            {p.idNumberMasked ? <span className="ltr"> · {p.idNumberMasked}</span> : null}
          </Text>
        ) : (
          <Text c="dimmed">{t('dataProtection.desk.noPerson')}</Text>
        )}
        {!closed && request.channel !== 'self-service' ? (
          <>
            <Text size="sm" c="dimmed">
              {t('dataProtection.request.lookUpHint')}
            </Text>
            <ProblemAlert problem={problem} />
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (q.trim().length < 2) return;
                search
                  .mutateAsync({ params: { id: request.id }, body: { q: q.trim() } })
                  .then((r) => setFound(r.items))
                  .catch(handle);
              }}
            >
              <Group align="flex-end">
                <TextInput
                  label={t('dataProtection.request.lookUp')}
                  value={q}
                  onChange={(e) => setQ(e.currentTarget.value)}
                  autoComplete="off"
                  maxLength={100}
                  leftSection={<IconSearch size={16} aria-hidden />}
                  w={320}
                />
                <Button type="submit" variant="light" loading={search.isPending}>
                  {t('common.search')}
                </Button>
              </Group>
            </form>
            {found !== null ? (
              found.length === 0 ? (
                <Text size="sm">{t('dataProtection.request.noneFound')}</Text>
              ) : (
                <Table data-testid="dp-person-results">
                  <Table.Tbody>
                    {found.map((f) => (
                      <Table.Tr key={f.id}>
                        <Table.Td>
                          {f.givenName} {f.familyName}
                        </Table.Td>
                        <Table.Td>{f.birthYear}</Table.Td>
                        <Table.Td>
                          {f.district} · {f.office}
                        </Table.Td>
                        <Table.Td className="ltr">{f.idNumberMasked}</Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-sm"
                            loading={link.isPending}
                            onClick={() =>
                              void link
                                .mutateAsync({ params: { id: request.id }, body: { personId: f.id } })
                                .then(() => setFound(null))
                                .catch(handle)
                            }
                          >
                            {t('dataProtection.request.choose')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )
            ) : null}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

function ExportsCard({ request }: { request: DpRequest }) {
  const { t } = useTranslation();
  const make = useChange(createDpExport, request.id);
  const [delivery, setDelivery] = useState<(typeof DP_EXPORT_DELIVERIES)[number]>('self-service');
  const [locale, setLocale] = useState<Locale | null>(null);
  const { problem, handle } = useFormProblem();
  const closed = CLOSED.includes(request.status);
  return (
    <Card withBorder component="section" aria-labelledby="dp-exports">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dp-exports">
          {t('dataProtection.request.exports')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dataProtection.request.exportsHint')}
        </Text>
        {!closed ? (
          <>
            <ProblemAlert problem={problem} />
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('dataProtection.request.delivery')}
                data={DP_EXPORT_DELIVERIES.map((d) => ({ value: d, label: t(`dataProtection.deliveries.${d}`) }))}
                value={delivery}
                allowDeselect={false}
                onChange={(v) => setDelivery(v ?? 'self-service')}
                w={260}
              />
              <Select
                label={t('dataProtection.request.language')}
                placeholder={t('dataProtection.request.languageDefault')}
                data={LOCALES.map((l) => ({ value: l, label: t(`dataProtection.languages.${l}`) }))}
                value={locale}
                clearable
                onChange={(v) => setLocale(v)}
                w={200}
              />
              <Button
                loading={make.isPending}
                onClick={() =>
                  void make
                    .mutateAsync({
                      params: { id: request.id },
                      body: { delivery, ...(locale ? { locale } : {}) },
                    })
                    .then(() => notifySuccess(t('dataProtection.request.exportMade')))
                    .catch(handle)
                }
              >
                {t('dataProtection.request.makeExport')}
              </Button>
            </Group>
          </>
        ) : null}
        {request.exports.map((e) => (
          <Card key={e.id} withBorder padding="sm" data-testid="dp-export">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>
                  {t(`dataProtection.deliveries.${e.delivery}`)} · {formatDateTime(e.createdAt)}
                </Text>
                <Text size="sm" c="dimmed">
                  {e.downloadedFormats.length
                    ? t('dataProtection.request.downloaded', {
                        formats: e.downloadedFormats.join(listSeparator()).toUpperCase(),
                      })
                    : t('dataProtection.request.notDownloaded', { date: formatDate(e.expiresAt.slice(0, 10)) })}
                </Text>
              </Group>
              <Table withRowBorders={false} verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dataProtection.export.section')}</Table.Th>
                    <Table.Th ta="end">{t('dataProtection.export.rows')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {e.contents.map((c) => (
                    <Table.Tr key={c.section}>
                      <Table.Td>{t(`dataProtection.sections.${c.section}`, { defaultValue: c.section })}</Table.Td>
                      <Table.Td ta="end">{formatNumber(c.rows)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function DocumentsCard({ request }: { request: DpRequest }) {
  const { t } = useTranslation();
  const add = useChange(addDpDocument, request.id);
  const { problem, handle } = useFormProblem();
  async function upload(file: File | null) {
    if (!file) return;
    const mediaType = file.type as 'application/pdf' | 'image/jpeg' | 'image/png';
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    await add
      .mutateAsync({ params: { id: request.id }, body: { fileName: file.name, mediaType, content: btoa(binary) } })
      .catch(handle);
  }
  return (
    <Card withBorder component="section" aria-labelledby="dp-documents">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="dp-documents">
            {t('dataProtection.request.documents')}
          </Title>
          <FileButton onChange={(f) => void upload(f)} accept="application/pdf,image/jpeg,image/png">
            {(props) => (
              <Button {...props} variant="light" size="compact-sm" loading={add.isPending}>
                {t('dataProtection.request.addDocument')}
              </Button>
            )}
          </FileButton>
        </Group>
        <ProblemAlert problem={problem} />
        {request.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dataProtection.request.noDocuments')}
          </Text>
        ) : (
          <Stack gap={4}>
            {request.documents.map((d) => (
              <Anchor key={d.id} href={opHref(getDpDocument, { params: { id: request.id, docId: d.id } })} download>
                {d.fileName} · {formatDateTime(d.createdAt)}
              </Anchor>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function ActionsCard({ request }: { request: DpRequest }) {
  const { t } = useTranslation();
  const accept = useChange(acceptDpRequest, request.id);
  const erase = useChange(eraseDpPerson, request.id);
  const answer = useChange(answerDpRequest, request.id);
  const refuse = useChange(refuseDpRequest, request.id);
  const [answerText, setAnswerText] = useState('');
  const [reason, setReason] = useState('');
  const [erasing, setErasing] = useState(false);
  const { problem, handle, clear } = useFormProblem();
  if (CLOSED.includes(request.status))
    return (
      <Card withBorder component="section" aria-labelledby="dp-answer">
        <Stack gap="xs">
          <Title order={2} size="h4" id="dp-answer">
            {request.status === 'answered' ? t('dataProtection.request.answer') : t('dataProtection.request.refusal')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="dp-answer">
            {request.answer ?? request.refusalReason}
          </Text>
          <Text size="sm" c="dimmed">
            {request.answeredAt ? formatDateTime(request.answeredAt) : ''}
          </Text>
        </Stack>
      </Card>
    );
  const needsAcceptance = request.kind === 'rectification' || request.kind === 'erasure';
  return (
    <Card withBorder component="section" aria-labelledby="dp-actions">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dp-actions">
          {t('dataProtection.request.actions')}
        </Title>
        <ProblemAlert problem={problem} onClose={clear} />
        {needsAcceptance && request.status === 'verified' ? (
          <Group>
            <Button
              variant="light"
              loading={accept.isPending}
              onClick={() => void accept.mutateAsync({ params: { id: request.id } }).catch(handle)}
            >
              {t(`dataProtection.request.accept.${request.kind}`)}
            </Button>
          </Group>
        ) : null}
        {request.kind === 'rectification' && request.status === 'accepted' ? (
          <Alert variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('dataProtection.request.rectificationWaiting')}
          </Alert>
        ) : null}
        {request.kind === 'erasure' && request.status === 'accepted' ? (
          <Group>
            <Button color="red.8" onClick={() => setErasing(true)}>
              {t('dataProtection.request.erase')}
            </Button>
          </Group>
        ) : null}
        {request.destruction ? (
          <Text size="sm">
            {t('dataProtection.request.destroyed', { at: formatDateTime(request.destruction.performedAt) })}
          </Text>
        ) : null}
        <Textarea
          label={t('dataProtection.request.answer')}
          autosize
          minRows={3}
          maxLength={10000}
          value={answerText}
          onChange={(e) => setAnswerText(e.currentTarget.value)}
        />
        <Group>
          <Button
            disabled={!answerText.trim()}
            loading={answer.isPending}
            onClick={() =>
              void answer.mutateAsync({ params: { id: request.id }, body: { answer: answerText.trim() } }).catch(handle)
            }
          >
            {t('dataProtection.request.sendAnswer')}
          </Button>
        </Group>
        <Textarea
          label={t('dataProtection.request.refusalReason')}
          autosize
          minRows={2}
          maxLength={5000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group>
          <Button
            variant="outline"
            color="red.8"
            disabled={!reason.trim()}
            loading={refuse.isPending}
            onClick={() =>
              void refuse.mutateAsync({ params: { id: request.id }, body: { reason: reason.trim() } }).catch(handle)
            }
          >
            {t('dataProtection.request.refuse')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={erasing}
        title={t('dataProtection.request.eraseTitle')}
        message={t('dataProtection.request.eraseConfirm')}
        confirmLabel={t('dataProtection.request.erase')}
        danger
        loading={erase.isPending}
        onConfirm={() =>
          void erase
            .mutateAsync({ params: { id: request.id }, body: { confirm: true } })
            .then(() => setErasing(false))
            .catch((err: unknown) => {
              setErasing(false);
              handle(err);
            })
        }
        onCancel={() => setErasing(false)}
      />
    </Card>
  );
}

/** One request: identity verification, the person, exports (their contents list), documents, the answer. */
export function RequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const request = useOp(getDpRequest, { params: { id } });
  const deadline = useDeadlineText();
  if (request.isPending) return <InlineLoader />;
  if (request.error) return <LoadError problem={toProblem(request.error)} onRetry={() => void request.refetch()} />;
  const r = request.data;
  return (
    <Stack>
      <Anchor component={Link} to="/data-protection" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden className="flip-rtl" />
          {t('dataProtection.desk.title')}
        </Group>
      </Anchor>
      <PageHeader title={t('dataProtection.request.title', { kind: t(`dataProtection.kinds.${r.kind}`) })} />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Field label={t('dataProtection.desk.status')}>
            <Badge variant="outline" color={STATUS_COLOR[r.status] ?? 'gray.7'} data-testid="dp-status">
              {t(`dataProtection.statuses.${r.status}`)}
            </Badge>
          </Field>
          <Field label={t('dataProtection.desk.channel')}>{t(`dataProtection.channels.${r.channel}`)}</Field>
          <Field label={t('dataProtection.desk.receivedOn')}>{formatDate(r.receivedOn)}</Field>
          <Field label={t('dataProtection.desk.dueOn')}>
            <Text>{formatDate(r.dueOn)}</Text>
            {r.daysLeft !== null ? (
              <Text size="sm" c={deadlineColor(r.daysLeft)}>
                {deadline(r.daysLeft)}
              </Text>
            ) : null}
          </Field>
        </SimpleGrid>
        {r.details ? (
          <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.details}
          </Text>
        ) : null}
      </Card>
      {r.ranking ? (
        <KeptMatchView
          match={r.ranking.match}
          title={t('dataProtection.request.ranking')}
          about={t('dataProtection.request.rankingFor', {
            vacancy: r.ranking.vacancyTitle,
            employer: r.ranking.employerName,
          })}
        />
      ) : null}
      <IdentityCard request={r} />
      <PersonCard request={r} />
      {r.kind === 'access' ? <ExportsCard request={r} /> : null}
      <DocumentsCard request={r} />
      <ActionsCard request={r} />
    </Stack>
  );
}
