import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ActionIcon, Anchor, Button, Group, Select, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDownload, IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../api/session.ts';
import { formatDateTime } from '../../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../../components/people/notify.ts';
import { ConfirmDialog, InlineLoader, LoadError } from '../../../components/ui.tsx';
import { FileField, useFileChoice } from '../../../components/FileField.tsx';
import { formatBytes } from '../../../components/people/format.ts';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentMeta, type Person } from '../../../components/people/types.ts';
import { SectionCard } from './OverviewTab.tsx';
import { personKey, useConsents } from './queries.ts';
import { callOp, opHref, useOpMutation } from '../../../api/ops.ts';
import {
  deleteDocument,
  documentContent,
  listDocuments,
  personCv,
  uploadDocument,
} from '../../../../common/contracts/person-records.ts';

const documentsKey = (id: string) => [...personKey(id), 'documents'] as const;

/** Uploads a PDF, JPEG or PNG (at most 5 MB) as one of the given kinds. */
export function DocumentUpload({
  person,
  kinds = DOCUMENT_KINDS,
  defaultKind,
}: {
  person: Person;
  kinds?: readonly DocumentKind[];
  defaultKind?: DocumentKind;
}) {
  const { t } = useTranslation();
  const choice = useFileChoice();
  const [kind, setKind] = useState<DocumentKind>(defaultKind ?? kinds[0]!);
  const uploading = useOpMutation(uploadDocument, { invalidates: [documentsKey(person.id)] });
  const { problem, handle, clear } = useFormProblem();

  async function upload() {
    clear();
    const file = await choice.read();
    if (!file) return;
    try {
      await uploading.mutateAsync({ params: { id: person.id }, body: { kind, ...file } });
      notifySuccess(t('documents.uploaded', { name: file.fileName }));
      choice.setFile(null);
    } catch (err) {
      handle(err);
    }
  }

  return (
    <Stack gap="xs">
      <ProblemAlert problem={problem} />
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('documents.kind')}
          data={kinds.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
        />
        <FileField choice={choice} w={{ base: '100%', sm: 300 }} testId="document-file" />
        <Button
          leftSection={<IconUpload size={16} aria-hidden />}
          onClick={() => void upload()}
          loading={uploading.isPending}
          data-testid="document-upload"
        >
          {t('documents.upload')}
        </Button>
      </Group>
    </Stack>
  );
}

export function DocumentsTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('persons:write');
  const [deleting, setDeleting] = useState<DocumentMeta | null>(null);
  const documents = useQuery({
    queryKey: documentsKey(person.id),
    queryFn: () => callOp(listDocuments, { params: { id: person.id } }),
  });
  const consents = useConsents(person.id);
  const canCv = (consents.data?.consents ?? []).some((c) => c.active && c.purpose === 'share-with-employers');

  const removal = useOpMutation(deleteDocument, {
    invalidates: [documentsKey(person.id)],
    onSuccess: () => {
      notifySuccess(t('common.deleted'));
      setDeleting(null);
    },
    onError: notifyProblem,
  });

  function remove() {
    if (!deleting) return;
    removal.mutate({ params: { id: person.id, docId: deleting.id } });
  }

  let list;
  if (documents.isPending) list = <InlineLoader />;
  else if (documents.error)
    list = <LoadError problem={toProblem(documents.error)} onRetry={() => void documents.refetch()} />;
  else if (documents.data.items.length === 0)
    list = (
      <Text size="sm" c="dimmed">
        {t('documents.none')}
      </Text>
    );
  else
    list = (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" data-testid="documents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.file')}</Table.Th>
              <Table.Th>{t('documents.kind')}</Table.Th>
              <Table.Th>{t('documents.size')}</Table.Th>
              <Table.Th>{t('documents.uploadedAt')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor href={opHref(documentContent, { params: { id: person.id, docId: d.id } })} download>
                    <span dir="auto">{d.fileName}</span>
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`documents.kinds.${d.kind}`)}</Table.Td>
                <Table.Td>{formatBytes(d.sizeBytes)}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{formatDateTime(d.createdAt)}</Text>
                    {d.uploadedBy ? (
                      <Text size="xs" c="dimmed">
                        {d.uploadedBy}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t('documents.download')}>
                      <ActionIcon
                        component="a"
                        variant="subtle"
                        href={opHref(documentContent, { params: { id: person.id, docId: d.id } })}
                        download
                        aria-label={t('documents.downloadName', { name: d.fileName })}
                      >
                        <IconDownload size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    {canWrite ? (
                      <ActionIcon
                        variant="subtle"
                        color="red.8"
                        onClick={() => setDeleting(d)}
                        aria-label={t('documents.deleteName', { name: d.fileName })}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack gap="md">
      <SectionCard title={t('documents.title')}>
        {list}
        {canWrite ? <DocumentUpload person={person} defaultKind="other" /> : null}
      </SectionCard>
      <SectionCard title={t('documents.cvTitle')}>
        {canCv ? (
          <Group gap="sm">
            {(['tr', 'en'] as const).map((locale) => (
              <Button
                key={locale}
                component="a"
                variant="default"
                href={opHref(personCv, { params: { id: person.id }, query: { locale } })}
                target="_blank"
                rel="noopener"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t(`documents.cv.${locale}`)}
              </Button>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('documents.cvNeedsConsent')}
          </Text>
        )}
      </SectionCard>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('documents.deleteTitle')}
        message={t('documents.deleteConfirm', { name: deleting?.fileName ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={removal.isPending}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      />
    </Stack>
  );
}
