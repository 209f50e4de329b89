import { useNavigate } from 'react-router';
import { Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { PageHeader } from '../../components/ui.tsx';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementKind,
  type AgreementStatus,
} from '../../../common/international.ts';
import { createAgreement, listPartnerOptions, listStaffOptions } from '../../../common/contracts/international.ts';
import { partnerLabel } from './labels.ts';
import { DateField } from '../../components/DateFields.tsx';

interface Values {
  kind: AgreementKind;
  title: string;
  signedOn: string;
  validUntil: string;
  status: AgreementStatus;
  scope: string;
  parties: string[];
  documentTitle: string;
  documentReference: string;
  actionTitle: string;
  actionOwner: string | null;
  actionDeadline: string;
}

const FIELDS = ['kind', 'title', 'signedOn', 'validUntil', 'status', 'scope', 'parties'];
const blank = (v: string) => v.trim() || null;

/** Records an agreement or protocol with its parties, a document and a first follow-up action. */
export function AgreementFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partners = useOp(listPartnerOptions, undefined);
  const staff = useOp(listStaffOptions, undefined);
  const form = useForm<Values>({
    initialValues: {
      kind: 'protocol',
      title: '',
      signedOn: '',
      validUntil: '',
      status: 'signed',
      scope: '',
      parties: [],
      documentTitle: '',
      documentReference: '',
      actionTitle: '',
      actionOwner: null,
      actionDeadline: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createAgreement, { invalidates: ['/international'] });

  async function submit(v: Values) {
    clear();
    const action = v.actionTitle.trim();
    try {
      const saved = await create.mutateAsync({
        body: {
          kind: v.kind,
          title: v.title.trim(),
          signedOn: blank(v.signedOn),
          validUntil: blank(v.validUntil),
          status: v.status,
          scope: blank(v.scope),
          parties: v.parties.map((partnerId) => ({ partnerId })),
          documents: v.documentTitle.trim()
            ? [{ title: v.documentTitle.trim(), reference: blank(v.documentReference) }]
            : [],
          followUps: action ? [{ title: action, ownerId: v.actionOwner ?? '', deadline: v.actionDeadline }] : [],
        },
      });
      notifySuccess(t('international.saved'));
      void navigate(`/international/agreements/${saved.id}`);
    } catch (err) {
      handle(err);
    }
  }

  const partnerData = (partners.data?.items ?? []).map((p) => ({ value: p.id, label: partnerLabel(p) }));
  const staffData = (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('international.newAgreement')} description={t('international.agreementFormDescription')} />
      <ProblemAlert problem={problem} onClose={clear} />
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('international.fields.kind')}
                required
                allowDeselect={false}
                data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`international.agreementKinds.${k}`) }))}
                {...form.getInputProps('kind')}
              />
              <TextInput
                label={t('international.fields.title')}
                required
                data-testid="agreement-title"
                {...form.getInputProps('title')}
              />
              <DateField
                label={t('international.fields.signedOn')}
                data-testid="agreement-signed"
                {...form.getInputProps('signedOn')}
              />
              <DateField label={t('international.fields.validUntil')} {...form.getInputProps('validUntil')} />
              <Select
                label={t('international.fields.status')}
                required
                allowDeselect={false}
                data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`international.agreementStatuses.${s}`) }))}
                {...form.getInputProps('status')}
              />
              <MultiSelect
                label={t('international.fields.parties')}
                required
                searchable
                data={partnerData}
                data-testid="agreement-parties"
                {...form.getInputProps('parties')}
              />
            </SimpleGrid>
            <Textarea
              mt="sm"
              label={t('international.fields.scope')}
              autosize
              minRows={2}
              {...form.getInputProps('scope')}
            />
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('international.document')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('international.fields.documentTitle')} {...form.getInputProps('documentTitle')} />
              <TextInput
                label={t('international.fields.documentReference')}
                description={t('international.documentReferenceHelp')}
                {...form.getInputProps('documentReference')}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('international.followUp')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('international.fields.actionTitle')}
                data-testid="action-title"
                {...form.getInputProps('actionTitle')}
              />
              <Select
                label={t('international.fields.owner')}
                searchable
                data={staffData}
                data-testid="action-owner"
                {...form.getInputProps('actionOwner')}
              />
              <DateField
                label={t('international.fields.deadline')}
                data-testid="action-deadline"
                {...form.getInputProps('actionDeadline')}
              />
            </SimpleGrid>
          </Card>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/international')}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="agreement-save">
              {t('international.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
