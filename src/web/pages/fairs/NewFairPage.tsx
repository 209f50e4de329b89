import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import type { Office } from '../../api/types.ts';
import { useCan } from '../../api/session.ts';
import { DateField } from '../../components/DateFields.tsx';
import { ProvinceDistrict } from '../../components/people/ProvinceDistrict.tsx';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { createFair } from '../../../common/contracts/fairs.ts';
import { listProjects } from '../../../common/contracts/programmes.ts';

const FIELDS = ['name', 'startDate', 'endDate', 'place', 'province', 'district', 'officeId', 'projectId'] as const;

/** Organise a job fair: name, days, place and district, the organising office and (optionally) its project. */
export function NewFairPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const offices = useQuery({ queryKey: ['offices'], queryFn: () => api<{ items: Office[] }>('/offices') });
  const projects = useOp(
    listProjects,
    { query: { sort: 'name', order: 'asc', page: 1, pageSize: 100 } },
    { enabled: can('programmes:read') },
  );
  const form = useForm({
    initialValues: {
      name: '',
      startDate: '',
      endDate: '',
      place: '',
      province: 'İstanbul',
      district: '',
      officeId: '',
      projectId: null as string | null,
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createFair, { invalidates: ['/fairs'] });

  return (
    <Stack gap="md">
      <PageHeader title={t('fairs.new')} />
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          clear();
          create.mutate(
            { body: { ...v, projectId: v.projectId || null } },
            { onSuccess: (fair) => void navigate(`/fairs/${fair.id}`), onError: handle },
          );
        })}
      >
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
              <DateField label={t('fairs.fields.startDate')} required {...form.getInputProps('startDate')} />
              <DateField label={t('fairs.fields.endDate')} required {...form.getInputProps('endDate')} />
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
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} data-testid="fair-create">
                {t('fairs.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </Stack>
  );
}
