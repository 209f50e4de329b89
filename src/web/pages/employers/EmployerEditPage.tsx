import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { disabilityQuota, naceDivision, suggestHazardClass } from '../../../common/nace.ts';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/employers.ts';
import { changedValues } from '../../components/changedValues.ts';
import { formatNumber, numberSeparators } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { HazardBadge } from '../../components/work/Badges.tsx';
import { paths } from '../../components/work/paths.ts';
import { useDistricts, useProvinces } from '../../components/work/queries.ts';
import type { EmployerDetail, TaxKind } from '../../components/work/types.ts';
import { READABLE_ERRORS } from '../../components/work/problems.tsx';

interface Values {
  legalName: string;
  tradeName: string;
  taxKind: TaxKind;
  taxNumber: string;
  sgkWorkplaceNumber: string;
  naceCode: string;
  workerCount: number | string;
  isPublic: boolean;
  province: string | null;
  district: string | null;
  address: string;
  website: string;
  acceptTerms: boolean;
}

const FIELDS = [...op.IDENTITY_FIELDS, 'province', 'district', 'address', 'website', 'acceptTerms'] as const;

function toValues(e: EmployerDetail | null): Values {
  return {
    legalName: e?.legalName ?? '',
    tradeName: e?.tradeName ?? '',
    taxKind: e?.taxKind ?? 'vkn',
    taxNumber: e?.taxNumber ?? '',
    sgkWorkplaceNumber: e?.sgkWorkplaceNumber ?? '',
    naceCode: e?.naceCode ?? '',
    workerCount: e?.workerCount ?? '',
    isPublic: e?.isPublic ?? false,
    province: e?.province ?? null,
    district: e?.district ?? null,
    address: e?.address ?? '',
    website: e?.website ?? '',
    acceptTerms: e?.termsAccepted ?? false,
  };
}

function toBody(v: Values) {
  return {
    legalName: v.legalName.trim(),
    tradeName: v.tradeName.trim() || null,
    taxKind: v.taxKind,
    taxNumber: v.taxNumber.replace(/\s+/g, ''),
    sgkWorkplaceNumber: v.sgkWorkplaceNumber.replace(/\s+/g, '') || null,
    naceCode: v.naceCode.trim(),
    workerCount: typeof v.workerCount === 'number' ? v.workerCount : 0,
    isPublic: v.isPublic,
    province: v.province ?? '',
    district: v.district ?? '',
    address: v.address.trim() || null,
    website: v.website.trim() || null,
    acceptTerms: v.acceptTerms,
  };
}

/** Registering an employer (/employers/new) or changing its record (/employers/:id/edit). */
export function EmployerEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const employer = useOp(op.getEmployer, { params: { id: id ?? '' } }, { enabled: Boolean(id) });
  if (id && employer.isPending) return <PageLoader />;
  if (id && employer.error)
    return <LoadError problem={toProblem(employer.error)} onRetry={() => void employer.refetch()} />;
  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={id ? t('employers.editTitle') : t('employers.createTitle')}
        description={id ? employer.data?.legalName : t('employers.createText')}
      />
      <EmployerForm
        key={employer.data?.id ?? 'new'}
        employer={employer.data ?? null}
        onDone={(e) => void navigate(paths.employer(e.id))}
        onCancel={() => void navigate(id ? paths.employer(id) : paths.employers)}
      />
    </Stack>
  );
}

export function EmployerForm({
  employer,
  onDone,
  onCancel,
}: {
  employer: EmployerDetail | null;
  onDone: (e: EmployerDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const creating = useOpMutation(op.createEmployer, { invalidates: ['/employers'] });
  const updating = useOpMutation(op.updateEmployer, { invalidates: ['/employers'] });
  const separators = numberSeparators();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: toValues(employer),
    validate: {
      legalName: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      taxNumber: (v, values) => {
        // A sole trader's number comes back masked: unchanged, it is not sent again.
        if (employer && v === employer.taxNumber) return null;
        const digits = v.replace(/\s+/g, '');
        const length = values.taxKind === 'vkn' ? 10 : 11;
        return new RegExp(`^\\d{${length}}$`).test(digits) ? null : t(`employers.taxNumberHint.${values.taxKind}`);
      },
      sgkWorkplaceNumber: (v) => {
        const digits = v.replace(/\s+/g, '');
        return !digits || /^\d{26}$/.test(digits) ? null : t('errors.employers.sgkInvalid');
      },
      naceCode: (v) => (naceDivision(v) !== null ? null : t('errors.employers.naceInvalid')),
      workerCount: (v) => (typeof v === 'number' && v >= 1 ? null : t('errors.validation.minimum', { limit: 1 })),
      province: (v) => (v ? null : t('errors.validation.required')),
      district: (v) => (v ? null : t('errors.validation.required')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const provinces = useProvinces();
  const districts = useDistricts(form.values.province);
  const suggested = suggestHazardClass(form.values.naceCode);
  const workers = typeof form.values.workerCount === 'number' ? form.values.workerCount : 0;
  const quota = disabilityQuota(workers, form.values.isPublic);

  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const body = toBody(values);
      let saved: EmployerDetail;
      if (employer) {
        const changed = changedValues(body, toBody(toValues(employer)));
        if (Object.keys(changed).length === 0) {
          onDone(employer);
          return;
        }
        saved = await updating.mutateAsync({ params: { id: employer.id }, body: changed });
      } else {
        saved = await creating.mutateAsync({ body });
      }
      client.setQueryData(opKey(op.getEmployer, { params: { id: saved.id } }), saved);
      notifySuccess(employer ? t('common.saved') : t('employers.created'));
      onDone(saved);
    } catch (err) {
      handle(err);
    }
  });

  return (
    <form onSubmit={submit} noValidate style={READABLE_ERRORS} data-testid="employer-form">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <Fieldset legend={t('employers.sections.identity')}>
          <Stack gap="sm">
            <TextInput
              label={t('employers.fields.legalName')}
              required
              maxLength={300}
              dir="auto"
              {...form.getInputProps('legalName')}
            />
            <TextInput
              label={t('employers.fields.tradeName')}
              description={t('employers.tradeNameHint')}
              maxLength={200}
              dir="auto"
              {...form.getInputProps('tradeName')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="tax-kind-label">
                {t('employers.fields.taxKind')}
              </Text>
              <SegmentedControl
                aria-labelledby="tax-kind-label"
                data={(['vkn', 'tckn'] as const).map((k) => ({ value: k, label: t(`employers.taxKindsLong.${k}`) }))}
                {...form.getInputProps('taxKind')}
              />
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('employers.fields.taxNumber')}
                description={t(`employers.taxNumberHint.${form.values.taxKind}`)}
                required
                inputMode="numeric"
                autoComplete="off"
                maxLength={14}
                classNames={{ input: 'ltr' }}
                {...form.getInputProps('taxNumber')}
              />
              <TextInput
                label={t('employers.fields.sgkWorkplaceNumber')}
                description={t('employers.sgkHint')}
                inputMode="numeric"
                autoComplete="off"
                maxLength={32}
                classNames={{ input: 'ltr' }}
                {...form.getInputProps('sgkWorkplaceNumber')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('employers.sections.sector')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Stack gap={6}>
              <TextInput
                label={t('employers.fields.naceCode')}
                description={t('employers.naceHint')}
                required
                maxLength={8}
                classNames={{ input: 'ltr' }}
                {...form.getInputProps('naceCode')}
              />
              <Group gap="xs" data-testid="hazard-suggested" aria-live="polite">
                <Text size="sm">{t('employers.suggestedHazard')}</Text>
                {suggested ? (
                  <HazardBadge value={suggested} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('employers.enterNace')}
                  </Text>
                )}
              </Group>
            </Stack>
            <Stack gap={6}>
              <NumberInput
                label={t('employers.fields.workerCount')}
                required
                min={1}
                max={1_000_000}
                allowDecimal={false}
                thousandSeparator={separators.group}
                decimalSeparator={separators.decimal}
                {...form.getInputProps('workerCount')}
              />
              <Switch
                label={t('employers.fields.isPublic')}
                {...form.getInputProps('isPublic', { type: 'checkbox' })}
              />
              <Text size="sm" data-testid="disability-quota" aria-live="polite">
                {workers >= 50
                  ? t('employers.quotaText', {
                      count: quota,
                      n: formatNumber(quota),
                      percent: form.values.isPublic ? 4 : 3,
                    })
                  : t('employers.quotaNone')}
              </Text>
            </Stack>
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('employers.sections.address')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('employers.fields.province')}
                required
                searchable
                data={(provinces.data ?? []).map((p) => p.name)}
                nothingFoundMessage={t('common.noOptions')}
                {...form.getInputProps('province')}
                onChange={(value: string | null) => {
                  form.setFieldValue('province', value);
                  form.setFieldValue('district', null);
                }}
              />
              <Select
                label={t('employers.fields.district')}
                required
                searchable
                disabled={!form.values.province}
                data={districts.data?.items ?? []}
                nothingFoundMessage={t('common.noOptions')}
                {...form.getInputProps('district')}
              />
            </SimpleGrid>
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
              type="url"
              classNames={{ input: 'ltr' }}
              maxLength={300}
              {...form.getInputProps('website')}
            />
          </Stack>
        </Fieldset>
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Text size="sm">{t('employers.termsText')}</Text>
            <Checkbox
              label={t('employers.fields.acceptTerms')}
              disabled={employer?.termsAccepted}
              {...form.getInputProps('acceptTerms', { type: 'checkbox' })}
            />
            {!form.values.acceptTerms ? (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
                {t('employers.termsNeededToVerify')}
              </Alert>
            ) : null}
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating.isPending || updating.isPending} data-testid="employer-save">
            {employer ? t('common.save') : t('employers.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
