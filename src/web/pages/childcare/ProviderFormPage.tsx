import { useNavigate, useParams } from 'react-router';
import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { useDistricts, useProvinces } from '../../components/work/queries.ts';
import { PROVIDER_KINDS, type ProviderKind } from '../../../common/childcare.ts';
import { createProvider, getProvider, updateProvider, type Provider } from '../../../common/contracts/childcare.ts';
import { childcarePaths } from './labels.tsx';
import { TimeField } from '../../components/DateFields.tsx';

interface Values {
  name: string;
  kind: ProviderKind;
  capacity: number | string;
  minAgeMonths: number | string;
  maxAgeMonths: number | string;
  province: string | null;
  district: string | null;
  address: string;
  phone: string;
  opensAt: string;
  closesAt: string;
  saturdays: boolean;
  active: boolean;
}

const FIELDS = [
  'name',
  'kind',
  'capacity',
  'minAgeMonths',
  'maxAgeMonths',
  'province',
  'district',
  'address',
  'phone',
  'opensAt',
  'closesAt',
] as const;

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? -1 : Number(v));

/** Changes a provider (`/childcare/providers/:id/edit`): the same form, filled. */
export function EditProviderPage() {
  const { id = '' } = useParams();
  const provider = useOp(getProvider, { params: { id } });
  if (provider.isPending) return <PageLoader />;
  if (provider.error) return <LoadError problem={toProblem(provider.error)} onRetry={() => void provider.refetch()} />;
  return <ProviderFormPage existing={provider.data} />;
}

/** Adds a care provider: the server checks the district, the age range, the hours and the capacity. */
export function ProviderFormPage({ existing }: { existing?: Provider } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: existing
      ? {
          ...existing,
          address: existing.address ?? '',
          phone: existing.phone ?? '',
        }
      : {
          name: '',
          kind: 'municipal',
          capacity: 20,
          minAgeMonths: 12,
          maxAgeMonths: 66,
          province: null,
          district: null,
          address: '',
          phone: '',
          opensAt: '07:30',
          closesAt: '18:00',
          saturdays: false,
          active: true,
        },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createProvider, { invalidates: ['/childcare'] });
  const update = useOpMutation(updateProvider, { invalidates: ['/childcare'] });
  const provinces = useProvinces();
  const districts = useDistricts(form.values.province);

  async function submit(v: Values) {
    clear();
    try {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        capacity: num(v.capacity),
        minAgeMonths: num(v.minAgeMonths),
        maxAgeMonths: num(v.maxAgeMonths),
        province: v.province ?? '',
        district: v.district ?? '',
        address: v.address.trim() || null,
        phone: v.phone.trim() || null,
        opensAt: v.opensAt,
        closesAt: v.closesAt,
        saturdays: v.saturdays,
        active: v.active,
      };
      const saved = existing
        ? await update.mutateAsync({ params: { id: existing.id }, body })
        : await create.mutateAsync({ body });
      void navigate(childcarePaths.provider(saved.id));
    } catch (err) {
      handle(err);
    }
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={existing ? t('childcare.form.editTitle') : t('childcare.form.title')}
        description={t('childcare.form.description')}
      />
      <ProblemAlert problem={problem} onClose={clear} />
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate data-testid="provider-form">
        <Stack gap="md">
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('childcare.fields.name')} required {...form.getInputProps('name')} />
              <Select
                label={t('childcare.fields.kind')}
                data={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`childcare.kinds.${k}`) }))}
                allowDeselect={false}
                {...form.getInputProps('kind')}
              />
              <NumberInput
                label={t('childcare.fields.capacity')}
                required
                min={1}
                {...form.getInputProps('capacity')}
              />
              <NumberInput
                label={t('childcare.form.minAgeMonths')}
                required
                min={0}
                max={84}
                {...form.getInputProps('minAgeMonths')}
              />
              <NumberInput
                label={t('childcare.form.maxAgeMonths')}
                required
                min={0}
                max={84}
                {...form.getInputProps('maxAgeMonths')}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('childcare.fields.province')}
                required
                searchable
                data={(provinces.data ?? []).map((p) => p.name)}
                {...form.getInputProps('province')}
                onChange={(v: string | null) => {
                  form.setFieldValue('province', v);
                  form.setFieldValue('district', null);
                }}
              />
              <Select
                label={t('childcare.fields.district')}
                required
                searchable
                data={districts.data?.items ?? []}
                disabled={!form.values.province}
                {...form.getInputProps('district')}
              />
              <TextInput label={t('childcare.fields.phone')} dir="ltr" {...form.getInputProps('phone')} />
              <TextInput label={t('childcare.fields.address')} {...form.getInputProps('address')} />
              <TimeField label={t('childcare.form.opensAt')} required {...form.getInputProps('opensAt')} />
              <TimeField label={t('childcare.form.closesAt')} required {...form.getInputProps('closesAt')} />
            </SimpleGrid>
            <Group mt="md">
              <Checkbox
                label={t('childcare.form.saturdays')}
                {...form.getInputProps('saturdays', { type: 'checkbox' })}
              />
              <Checkbox label={t('childcare.form.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
            </Group>
          </Card>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="provider-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
