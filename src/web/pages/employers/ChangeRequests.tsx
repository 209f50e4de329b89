import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconClockHour4, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/client.ts';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/employers.ts';
import type { EmployerUpdate } from '../../../common/contracts/employers.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { READABLE_ERRORS } from '../../components/work/problems.tsx';
import type { ChangeRequest, Employer, EmployerDetail, IdentityField } from '../../components/work/types.ts';

/** A field's value as the record shows it. */
function useShow() {
  const { t } = useTranslation();
  return (field: IdentityField, value: string | number | boolean | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'isPublic') return value ? t('employers.changes.yes') : t('employers.changes.no');
    if (field === 'taxKind') return t(`employers.taxKinds.${value as 'vkn' | 'tckn'}`);
    if (typeof value === 'number') return formatNumber(value);
    return String(value);
  };
}

function ChangeTable({ employer, request }: { employer: Employer; request: ChangeRequest }) {
  const { t } = useTranslation();
  const show = useShow();
  const fields = request.fields;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" data-testid="change-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('employers.changes.field')}</Table.Th>
            <Table.Th scope="col">{t('employers.changes.current')}</Table.Th>
            <Table.Th scope="col">{t('employers.changes.requested')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => (
            <Table.Tr key={f}>
              <Table.Th scope="row" fw={500}>
                {t(`employers.fields.${f}`)}
              </Table.Th>
              <Table.Td dir="auto">{show(f, employer[f])}</Table.Td>
              <Table.Td dir="auto" fw={600}>
                {show(f, request.changes[f])}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RejectModal({
  employer,
  request,
  onClose,
  onDone,
}: {
  employer: EmployerDetail;
  request: ChangeRequest;
  onClose: () => void;
  onDone: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const rejecting = useOpMutation(op.rejectChangeRequest);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length >= 3 ? null : t('errors.validation.minLength', { limit: 3 })) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['reason']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      onDone(
        await rejecting.mutateAsync({
          params: { id: employer.id, requestId: request.id },
          body: { reason: values.reason.trim() },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('employers.changes.rejectTitle')} centered>
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <ProblemAlert problem={problem} />
          <Textarea
            label={t('employers.changes.reason')}
            description={t('employers.changes.reasonHint')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            dir="auto"
            data-testid="change-reject-reason"
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={rejecting.isPending} data-testid="change-reject-confirm">
              {t('employers.changes.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Staff: the identity change an employer asked for, with approve and reject for those who may write. */
export function PendingChangeCard({
  employer,
  canDecide,
  onChanged,
}: {
  employer: EmployerDetail;
  canDecide: boolean;
  onChanged: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const approving = useOpMutation(op.approveChangeRequest);
  const [rejecting, setRejecting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const request = employer.pendingChange;
  if (!request) return null;
  async function approve() {
    setProblem(null);
    try {
      onChanged(await approving.mutateAsync({ params: { id: employer.id, requestId: request!.id } }));
      notifySuccess(t('employers.changes.approved'));
    } catch (err) {
      setProblem(toProblem(err));
    }
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="change-title" data-testid="pending-change">
      <Stack gap="sm">
        <Group gap="xs">
          <IconClockHour4 size={20} aria-hidden color="var(--mantine-color-yellow-9)" />
          <Title order={2} size="h4" id="change-title">
            {t('employers.changes.title')}
          </Title>
        </Group>
        <Text size="sm">
          {t('employers.changes.staffText', {
            name: request.requestedBy?.name ?? '—',
            date: formatDateTime(request.requestedAt),
          })}
        </Text>
        <ProblemAlert problem={problem} />
        <ChangeTable employer={employer} request={request} />
        {canDecide ? (
          <Group justify="flex-end" gap="xs">
            <Button variant="outline" color="red.9" onClick={() => setRejecting(true)} data-testid="change-reject">
              {t('employers.changes.reject')}
            </Button>
            <Button
              color="teal.9"
              loading={approving.isPending}
              onClick={() => void approve()}
              data-testid="change-approve"
            >
              {t('employers.changes.approve')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {rejecting ? (
        <RejectModal
          employer={employer}
          request={request}
          onClose={() => setRejecting(false)}
          onDone={(next) => {
            setRejecting(false);
            onChanged(next);
            notifySuccess(t('employers.changes.rejected'));
          }}
        />
      ) : null}
    </Card>
  );
}

interface RequestValues {
  legalName: string;
  tradeName: string;
  taxKind: 'vkn' | 'tckn';
  taxNumber: string;
  sgkWorkplaceNumber: string;
  naceCode: string;
  workerCount: number | string;
  isPublic: boolean;
  address: string;
  website: string;
}

function RequestModal({
  employer,
  onClose,
  onDone,
}: {
  employer: EmployerDetail;
  onClose: () => void;
  onDone: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const saving = useOpMutation(op.updateEmployer, {
    invalidates: [opKey(op.listChangeRequests, { params: { id: employer.id } })],
  });
  const initial: RequestValues = {
    legalName: employer.legalName,
    tradeName: employer.tradeName ?? '',
    taxKind: employer.taxKind,
    // A sole trader's number is shown masked: typed again only to change it.
    taxNumber: employer.taxKind === 'vkn' ? employer.taxNumber : '',
    sgkWorkplaceNumber: employer.sgkWorkplaceNumber ?? '',
    naceCode: employer.naceCode,
    workerCount: employer.workerCount,
    isPublic: employer.isPublic,
    address: employer.address ?? '',
    website: employer.website ?? '',
  };
  const form = useForm<RequestValues>({ mode: 'controlled', initialValues: initial });
  const { problem, handle, clear } = useFormProblem(form, Object.keys(initial));
  const submit = form.onSubmit(async (v) => {
    // Only what changed is sent: the rest of the record stays as it is.
    const body: EmployerUpdate = {};
    const text = (k: 'tradeName' | 'sgkWorkplaceNumber' | 'address' | 'website', value: string | null) => {
      if (value !== (initial[k].trim() || null)) body[k] = value;
    };
    if (v.legalName.trim() !== employer.legalName) body.legalName = v.legalName.trim();
    text('tradeName', v.tradeName.trim() || null);
    const number = v.taxNumber.replace(/\s+/g, '');
    if (number && (number !== initial.taxNumber || v.taxKind !== employer.taxKind)) {
      body.taxKind = v.taxKind;
      body.taxNumber = number;
    }
    text('sgkWorkplaceNumber', v.sgkWorkplaceNumber.replace(/\s+/g, '') || null);
    if (v.naceCode.trim() !== employer.naceCode) body.naceCode = v.naceCode.trim();
    if (typeof v.workerCount === 'number' && v.workerCount !== employer.workerCount) body.workerCount = v.workerCount;
    if (v.isPublic !== employer.isPublic) body.isPublic = v.isPublic;
    text('address', v.address.trim() || null);
    text('website', v.website.trim() || null);
    if (Object.keys(body).length === 0) return onClose();
    clear();
    try {
      onDone(await saving.mutateAsync({ params: { id: employer.id }, body }));
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('employers.changes.requestTitle')} size="lg">
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <Alert color="blue" variant="light">
            {t('employers.changes.requestText')}
          </Alert>
          <ProblemAlert problem={problem} />
          <TextInput
            label={t('employers.fields.legalName')}
            required
            maxLength={300}
            dir="auto"
            data-testid="change-legalName"
            {...form.getInputProps('legalName')}
          />
          <TextInput
            label={t('employers.fields.tradeName')}
            maxLength={200}
            dir="auto"
            {...form.getInputProps('tradeName')}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t(`employers.taxNumberOf.${form.values.taxKind}`)}
              description={employer.taxKind === 'tckn' ? t('employers.changes.tcknHint') : undefined}
              inputMode="numeric"
              maxLength={11}
              className="ltr"
              {...form.getInputProps('taxNumber')}
            />
            <TextInput
              label={t('employers.fields.sgkWorkplaceNumber')}
              maxLength={40}
              className="ltr"
              {...form.getInputProps('sgkWorkplaceNumber')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('employers.fields.naceCode')}
              maxLength={8}
              className="ltr"
              {...form.getInputProps('naceCode')}
            />
            <NumberInput
              label={t('employers.fields.workerCount')}
              min={1}
              max={1_000_000}
              allowDecimal={false}
              data-testid="change-workerCount"
              {...form.getInputProps('workerCount')}
            />
          </Group>
          <Switch label={t('employers.fields.isPublic')} {...form.getInputProps('isPublic', { type: 'checkbox' })} />
          <Textarea
            label={t('employers.fields.address')}
            autosize
            minRows={2}
            maxLength={500}
            dir="auto"
            {...form.getInputProps('address')}
          />
          <TextInput
            label={t('employers.fields.website')}
            maxLength={300}
            className="ltr"
            type="url"
            {...form.getInputProps('website')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving.isPending} data-testid="change-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The employer portal: change the record (identity details wait for the employment office), the
 * pending change, and the reason of the last rejected one.
 */
export function PortalChanges({
  employer,
  onChanged,
}: {
  employer: EmployerDetail;
  onChanged: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useOp(op.listChangeRequests, { params: { id: employer.id } });
  const last = history.data?.items[0];
  const pending = employer.pendingChange;
  return (
    <Stack gap="sm">
      {pending ? (
        <Alert color="yellow" variant="light" icon={<IconClockHour4 aria-hidden />} data-testid="portal-pending-change">
          <Stack gap="xs">
            <Text size="sm" fw={700}>
              {t('employers.changes.title')}
            </Text>
            <Text size="sm">{t('employers.changes.portalPending', { date: formatDateTime(pending.requestedAt) })}</Text>
            <ChangeTable employer={employer} request={pending} />
          </Stack>
        </Alert>
      ) : last?.status === 'rejected' ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          data-testid="portal-rejected-change"
        >
          <Text size="sm" dir="auto">
            {t('employers.changes.portalRejected', { reason: last.reason ?? '' })}
          </Text>
        </Alert>
      ) : null}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={() => setOpen(true)}
          data-testid="portal-change-record"
        >
          {t('employers.changes.request')}
        </Button>
      </Group>
      {open ? (
        <RequestModal
          employer={employer}
          onClose={() => setOpen(false)}
          onDone={(next) => {
            setOpen(false);
            onChanged(next);
            notifySuccess(next.pendingChange ? t('employers.changes.requestSent') : t('employers.changes.saved'));
          }}
        />
      ) : null}
    </Stack>
  );
}
