import { useNavigate, useParams } from 'react-router';
import { Button, Card, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { listOffices } from '../../../common/contracts/identity.ts';
import { useCan } from '../../api/session.ts';
import { DateField } from '../../components/DateFields.tsx';
import { ProvinceDistrict } from '../../components/people/ProvinceDistrict.tsx';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { createFair, getFair, updateFair, type Fair, type FairPatch } from '../../../common/contracts/fairs.ts';
import { listProjects } from '../../../common/contracts/programmes.ts';
import { FAIR_STATUSES, type FairStatus } from '../../../common/fairs.ts';

const FIELDS = [
  'name',
  'startDate',
  'endDate',
  'place',
  'province',
  'district',
  'officeId',
  'projectId',
  'status',
] as const;

interface Values {
  name: string;
  startDate: string;
  endDate: string;
  place: string;
  province: string;
  district: string;
  officeId: string;
  projectId: string | null;
  status: FairStatus;
}

function valuesOf(f: Fair): Values {
  return {
    name: f.name,
    startDate: f.startDate,
    endDate: f.endDate,
    place: f.place,
    province: f.province,
    district: f.district,
    officeId: f.officeId,
    projectId: f.projectId,
    status: f.status,
  };
}

/** Only what changed is sent: the PATCH names (and audits) exactly the fields the organiser touched. */
function changesOf(before: Values, after: Values): FairPatch {
  const patch: Record<string, unknown> = {};
  for (const key of FIELDS) {
    const value = key === 'projectId' ? after.projectId || null : after[key];
    if (value !== before[key]) patch[key] = value;
  }
  return patch;
}

/** Changes a fair (`/fairs/:id/edit`): the organising form, filled, with the fair's status. */
export function EditFairPage() {
  const { id = '' } = useParams();
  const fair = useOp(getFair, { params: { id } });
  if (fair.isPending) return <PageLoader />;
  if (fair.error) return <LoadError problem={toProblem(fair.error)} onRetry={() => void fair.refetch()} />;
  return <NewFairPage existing={fair.data} />;
}

/** Organise a job fair: name, days, place and district, the organising office and (optionally) its project. */
export function NewFairPage({ existing }: { existing?: Fair } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const offices = useOp(listOffices, undefined);
  const projects = useOp(
    listProjects,
    { query: { sort: 'name', order: 'asc', page: 1, pageSize: 100 } },
    { enabled: can('programmes:read') },
  );
  const initial: Values = existing
    ? valuesOf(existing)
    : {
        name: '',
        startDate: '',
        endDate: '',
        place: '',
        province: 'İstanbul',
        district: '',
        officeId: '',
        projectId: null,
        status: 'planned',
      };
  const form = useForm<Values>({ initialValues: initial });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createFair, { invalidates: ['/fairs'] });
  const update = useOpMutation(updateFair, { invalidates: ['/fairs'] });

  function submit(v: Values) {
    clear();
    if (existing) {
      const patch = changesOf(initial, v);
      if (Object.keys(patch).length === 0) {
        void navigate(`/fairs/${existing.id}`);
        return;
      }
      update.mutate(
        { params: { id: existing.id }, body: patch },
        { onSuccess: () => void navigate(`/fairs/${existing.id}`), onError: handle },
      );
      return;
    }
    const { status: _status, ...body } = v;
    create.mutate(
      { body: { ...body, projectId: v.projectId || null } },
      { onSuccess: (fair) => void navigate(`/fairs/${fair.id}`), onError: handle },
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={existing ? t('fairs.edit') : t('fairs.new')} />
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Card withBorder padding="lg">
          <Stack gap="md">
            <ProblemAlert problem={problem} />
            <TextInput
              label={t('fairs.fields.name')}
              required
              {...form.getInputProps('name')}
              data-testid="fair-name"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <DateField
                label={t('fairs.fields.startDate')}
                required
                data-testid="fair-start"
                {...form.getInputProps('startDate')}
              />
              <DateField
                label={t('fairs.fields.endDate')}
                required
                data-testid="fair-end"
                {...form.getInputProps('endDate')}
              />
            </SimpleGrid>
            <TextInput label={t('fairs.fields.place')} required {...form.getInputProps('place')} />
            <ProvinceDistrict
              province={form.values.province}
              district={form.values.district}
              onProvince={(v) => form.setFieldValue('province', v)}
              onDistrict={(v) => form.setFieldValue('district', v)}
              provinceError={form.errors.province}
              districtError={form.errors.district}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('fairs.fields.office')}
                required
                data={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                searchable
                {...form.getInputProps('officeId')}
              />
              {can('programmes:read') ? (
                <Select
                  label={t('fairs.fields.project')}
                  placeholder={t('fairs.fields.noProject')}
                  data={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name.tr }))}
                  clearable
                  searchable
                  {...form.getInputProps('projectId')}
                />
              ) : null}
            </SimpleGrid>
            {existing ? (
              <Select
                label={t('fairs.fields.status')}
                data={FAIR_STATUSES.map((s) => ({ value: s, label: t(`fairs.statuses.${s}`) }))}
                allowDeselect={false}
                data-testid="fair-status-select"
                {...form.getInputProps('status')}
              />
            ) : null}
            <Group justify="flex-end">
              {existing ? (
                <Button variant="default" onClick={() => void navigate(`/fairs/${existing.id}`)}>
                  {t('common.cancel')}
                </Button>
              ) : null}
              <Button
                type="submit"
                loading={create.isPending || update.isPending}
                data-testid={existing ? 'fair-save' : 'fair-create'}
              >
                {existing ? t('fairs.save') : t('fairs.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </Stack>
  );
}
