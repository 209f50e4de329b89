import { useState } from 'react';
import { ActionIcon, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opHref, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog } from '../../components/ui.tsx';
import { FormActions, FormModal } from '../../components/FormModal.tsx';
import { FileField, useFileChoice } from '../../components/FileField.tsx';
import { formatBytes } from '../../components/people/format.ts';
import {
  agreementDocumentContent,
  deleteAgreementDocument,
  uploadAgreementDocument,
  type Agreement,
  type AgreementDocument,
} from '../../../common/contracts/international.ts';

const FIELDS = ['title', 'reference'];

/** Uploads a document of an agreement: its title, where the paper copy is kept, and the file. */
function UploadForm({ agreementId, onClose }: { agreementId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const choice = useFileChoice();
  const form = useForm({ initialValues: { title: '', reference: '' } });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const upload = useOpMutation(uploadAgreementDocument, { invalidates: ['/international'] });
  async function submit(v: { title: string; reference: string }) {
    clear();
    const file = await choice.read();
    if (!file) return;
    try {
      await upload.mutateAsync({
        params: { id: agreementId },
        body: { title: v.title.trim(), reference: v.reference.trim() || null, ...file },
      });
      notifySuccess(t('international.documentUploaded'));
      onClose();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <TextInput
          label={t('international.fields.documentTitle')}
          required
          data-autofocus
          data-testid="document-title"
          {...form.getInputProps('title')}
        />
        <TextInput
          label={t('international.fields.documentReference')}
          description={t('international.documentReferenceHelp')}
          {...form.getInputProps('reference')}
        />
        <FileField choice={choice} required testId="document-file" />
        <FormActions
          onCancel={onClose}
          pending={upload.isPending}
          label={t('international.uploadDocument')}
          testId="document-save"
        />
      </Stack>
    </form>
  );
}

/** An agreement's documents: by reference, or uploaded (downloaded, and removed by managers after a confirmation). */
export function AgreementDocuments({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('international:manage');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<AgreementDocument | null>(null);
  const remove = useOpMutation(deleteAgreementDocument, { invalidates: ['/international'] });
  const contentHref = (d: AgreementDocument) =>
    opHref(agreementDocumentContent, { params: { id: agreement.id, docId: d.id } });
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">
          {t('international.documents')}
        </Title>
        {manage ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconUpload size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="upload-document"
          >
            {t('international.uploadDocument')}
          </Button>
        ) : null}
      </Group>
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('international.uploadDocument')} size="md">
        <UploadForm agreementId={agreement.id} onClose={() => setAdding(false)} />
      </FormModal>
      {agreement.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('international.noDocuments')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="agreement-documents">
          {agreement.documents.map((d) => (
            <Group key={d.id} justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {d.title}
                  {d.reference ? ` — ${d.reference}` : ''}
                </Text>
                {d.file ? (
                  <Text size="xs" c="dimmed">
                    <Anchor href={contentHref(d)} download size="xs">
                      <span dir="auto">{d.file.fileName}</span>
                    </Anchor>{' '}
                    · {formatBytes(d.file.sizeBytes)} · {formatDateTime(d.file.uploadedAt)}
                    {d.file.uploadedBy ? ` · ${t('international.uploadedBy')}: ${d.file.uploadedBy}` : ''}
                  </Text>
                ) : null}
              </Stack>
              {d.file ? (
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    component="a"
                    variant="subtle"
                    href={contentHref(d)}
                    download
                    aria-label={t('documents.downloadName', { name: d.file.fileName })}
                  >
                    <IconDownload size={16} aria-hidden />
                  </ActionIcon>
                  {manage ? (
                    <ActionIcon
                      variant="subtle"
                      color="red.8"
                      onClick={() => setRemoving(d)}
                      aria-label={t('international.removeDocumentName', { name: d.title })}
                      data-testid="remove-document"
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  ) : null}
                </Group>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('international.removeDocument')}
        message={t('international.removeDocumentConfirm', { name: removing?.title ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={remove.isPending}
        onConfirm={() =>
          void remove
            .mutateAsync({ params: { id: agreement.id, docId: removing!.id } })
            .then(() => {
              notifySuccess(t('common.deleted'));
              setRemoving(null);
            })
            .catch(notifyProblem)
        }
        onCancel={() => setRemoving(null)}
      />
    </Card>
  );
}
