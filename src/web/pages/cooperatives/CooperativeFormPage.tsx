import { useNavigate, useParams } from 'react-router';
import {
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { ProvinceDistrict } from '../../components/people/ProvinceDistrict.tsx';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import {
  FOCUS_TAGS,
  ICLS_TYPES,
  LEGAL_TYPES,
  TURNOVER_BANDS,
  type FocusTag,
  type IclsType,
  type LegalType,
  type TurnoverBand,
} from '../../../common/cooperatives.ts';
import {
  createCooperative,
  getCooperative,
  updateCooperative,
  type Cooperative,
  type CooperativeInput,
} from '../../../common/contracts/cooperatives.ts';
import { DateField } from '../../components/DateFields.tsx';

const COUNTS = [
  'membersWomen',
  'membersMen',
  'membersAge18to29',
  'membersAge30to44',
  'membersAge45to64',
  'membersAge65plus',
  'memberWorkersWomen',
  'memberWorkersMen',
  'employeesWomen',
  'employeesMen',
  'dependentUninsured',
] as const;
const RESTRICTED = ['membersRefugees', 'membersRoma', 'membersDisability'] as const;
type CountField = (typeof COUNTS)[number];
type RestrictedField = (typeof RESTRICTED)[number];

type Values = {
  name: string;
  iclsType: IclsType | null;
  legalType: LegalType | null;
  naceCode: string;
  focusTags: FocusTag[];
  registrationNumber: string;
  registrationDate: string;
  province: string;
  district: string;
  activities: string;
  turnoverBand: TurnoverBand | null;
} & Record<CountField, number | string> &
  Record<RestrictedField, number | string>;

const FIELDS = [
  'name',
  'iclsType',
  'legalType',
  'naceCode',
  'focusTags',
  'registrationNumber',
  'registrationDate',
  'province',
  'district',
  'activities',
  'turnoverBand',
  ...COUNTS,
  ...RESTRICTED,
] as const;

function valuesOf(c: Cooperative): Values {
  return {
    name: c.name,
    iclsType: c.iclsType,
    legalType: c.legalType,
    naceCode: c.naceCode ?? '',
    focusTags: [...c.focusTags],
    registrationNumber: c.registrationNumber ?? '',
    registrationDate: c.registrationDate ?? '',
    province: c.province,
    district: c.district,
    activities: c.activities ?? '',
    turnoverBand: c.turnoverBand,
    ...(Object.fromEntries(COUNTS.map((k) => [k, c[k]])) as Record<CountField, number>),
    ...(Object.fromEntries(RESTRICTED.map((k) => [k, c[k] ?? ''])) as Record<RestrictedField, number | string>),
  };
}

const EMPTY: Values = {
  name: '',
  iclsType: null,
  legalType: null,
  naceCode: '',
  focusTags: [],
  registrationNumber: '',
  registrationDate: '',
  province: '',
  district: '',
  activities: '',
  turnoverBand: null,
  ...(Object.fromEntries(COUNTS.map((k) => [k, 0])) as Record<CountField, number>),
  ...(Object.fromEntries(RESTRICTED.map((k) => [k, ''])) as Record<RestrictedField, string>),
};

/** Changes a cooperative (`/cooperatives/:id/edit`): the same form, filled. */
export function EditCooperativePage() {
  const { id = '' } = useParams();
  const coop = useOp(getCooperative, { params: { id } });
  if (coop.isPending) return <PageLoader />;
  if (coop.error) return <LoadError problem={toProblem(coop.error)} onRetry={() => void coop.refetch()} />;
  return <CooperativeFormPage existing={coop.data} />;
}

/** Records a cooperative: its types kept apart (ICLS, legal, NACE), focus, registration, members and workers. */
export function CooperativeFormPage({ existing }: { existing?: Cooperative } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const restricted = can('special-category:read');
  const form = useForm<Values>({ initialValues: existing ? valuesOf(existing) : EMPTY });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createCooperative, { invalidates: ['/cooperatives'] });
  const update = useOpMutation(updateCooperative, { invalidates: ['/cooperatives'] });
  const num = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);

  async function submit(v: Values) {
    clear();
    const body: CooperativeInput = {
      name: v.name.trim(),
      iclsType: v.iclsType ?? ('' as IclsType),
      legalType: v.legalType ?? ('' as LegalType),
      naceCode: v.naceCode.trim() || null,
      focusTags: v.focusTags,
      registrationNumber: v.registrationNumber.trim() || null,
      registrationDate: v.registrationDate || null,
      province: v.province,
      district: v.district,
      activities: v.activities.trim() || null,
      turnoverBand: v.turnoverBand,
      membersWomen: num(v.membersWomen),
      membersMen: num(v.membersMen),
      membersAge18to29: num(v.membersAge18to29),
      membersAge30to44: num(v.membersAge30to44),
      membersAge45to64: num(v.membersAge45to64),
      membersAge65plus: num(v.membersAge65plus),
      memberWorkersWomen: num(v.memberWorkersWomen),
      memberWorkersMen: num(v.memberWorkersMen),
      employeesWomen: num(v.employeesWomen),
      employeesMen: num(v.employeesMen),
      dependentUninsured: num(v.dependentUninsured),
    };
    if (restricted) for (const k of RESTRICTED) body[k] = v[k] === '' ? null : num(v[k]);
    try {
      const saved = existing
        ? await update.mutateAsync({ params: { id: existing.id }, body })
        : await create.mutateAsync({ body });
      void navigate(`/cooperatives/${saved.id}`);
    } catch (err) {
      handle(err);
    }
  }

  const count = (k: CountField | RestrictedField) => (
    <NumberInput
      key={k}
      label={t(`cooperatives.fields.${k}`)}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      data-testid={`coop-${k}`}
      {...form.getInputProps(k)}
    />
  );

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={existing ? t('cooperatives.edit') : t('cooperatives.new')}
        description={t('cooperatives.formDescription')}
      />
      <ProblemAlert problem={problem} onClose={clear} />
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('cooperatives.fields.name')}
                required
                data-testid="coop-name"
                {...form.getInputProps('name')}
              />
              <Select
                label={t('cooperatives.fields.iclsType')}
                description={t('cooperatives.form.iclsHelp')}
                required
                data={ICLS_TYPES.map((v) => ({ value: v, label: t(`cooperatives.iclsTypes.${v}`) }))}
                data-testid="coop-icls"
                {...form.getInputProps('iclsType')}
              />
              <Select
                label={t('cooperatives.fields.legalType')}
                description={t('cooperatives.form.legalHelp')}
                required
                searchable
                data={LEGAL_TYPES.map((v) => ({ value: v, label: t(`cooperatives.legalTypes.${v}`) }))}
                data-testid="coop-legal"
                {...form.getInputProps('legalType')}
              />
              <TextInput
                label={t('cooperatives.fields.naceCode')}
                description={t('cooperatives.form.naceHelp')}
                dir="ltr"
                {...form.getInputProps('naceCode')}
              />
              <MultiSelect
                label={t('cooperatives.fields.focusTags')}
                data={FOCUS_TAGS.map((v) => ({ value: v, label: t(`cooperatives.focusTags.${v}`) }))}
                {...form.getInputProps('focusTags')}
              />
              <Select
                label={t('cooperatives.fields.turnoverBand')}
                clearable
                data={TURNOVER_BANDS.map((v) => ({ value: v, label: t(`cooperatives.turnoverBands.${v}`) }))}
                {...form.getInputProps('turnoverBand')}
              />
              <TextInput
                label={t('cooperatives.fields.registrationNumber')}
                dir="ltr"
                {...form.getInputProps('registrationNumber')}
              />
              <DateField
                label={t('cooperatives.fields.registrationDate')}
                {...form.getInputProps('registrationDate')}
              />
            </SimpleGrid>
            <Stack mt="sm" gap="xs">
              <ProvinceDistrict
                province={form.values.province}
                district={form.values.district}
                onProvince={(v) => form.setFieldValue('province', v)}
                onDistrict={(v) => form.setFieldValue('district', v)}
                provinceError={form.errors.province}
                districtError={form.errors.district}
              />
            </Stack>
            <Textarea
              mt="sm"
              label={t('cooperatives.fields.activities')}
              autosize
              minRows={2}
              {...form.getInputProps('activities')}
            />
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('cooperatives.form.members')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>{(['membersWomen', 'membersMen'] as const).map(count)}</SimpleGrid>
            <Text size="sm" c="dimmed" mt="sm">
              {t('cooperatives.form.ageHelp')}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {(['membersAge18to29', 'membersAge30to44', 'membersAge45to64', 'membersAge65plus'] as const).map(count)}
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('cooperatives.form.workers')}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('cooperatives.form.workersHelp')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {(['memberWorkersWomen', 'memberWorkersMen', 'employeesWomen', 'employeesMen'] as const).map(count)}
              {count('dependentUninsured')}
            </SimpleGrid>
          </Card>
          {restricted ? (
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('cooperatives.form.restricted')}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {t('cooperatives.form.restrictedHelp')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>{RESTRICTED.map(count)}</SimpleGrid>
            </Card>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="coop-save">
              {t('cooperatives.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
