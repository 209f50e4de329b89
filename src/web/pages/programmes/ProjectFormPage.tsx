import { useNavigate, useParams } from 'react-router';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { TARGET_GROUPS, type TargetGroup } from '../../../common/enums.ts';
import { CURRENCIES, PARTNER_ROLES, type Currency, type PartnerRole } from '../../../common/programmes.ts';
import {
  createProject,
  getProject,
  listPartners,
  updateProject,
  type Project,
} from '../../../common/contracts/programmes.ts';
import { DateField } from '../../components/DateFields.tsx';

interface Values {
  code: string;
  nameTr: string;
  nameEn: string;
  nameAr: string;
  description: string;
  donorId: string | null;
  budgetAmount: number | string;
  currency: Currency | null;
  startDate: string;
  endDate: string;
  targetGroups: TargetGroup[];
  restrictedGroup: TargetGroup | null;
  districts: string[];
  partners: { partnerId: string | null; role: PartnerRole }[];
}
const FIELDS = [
  'code',
  'nameTr',
  'nameEn',
  'nameAr',
  'description',
  'donorId',
  'budgetAmount',
  'currency',
  'startDate',
  'endDate',
  'targetGroups',
  'restrictedGroup',
  'districts',
  'partners',
] as const;

function valuesOf(p: Project): Values {
  return {
    code: p.code ?? '',
    nameTr: p.name.tr,
    nameEn: p.name.en ?? '',
    nameAr: p.name.ar ?? '',
    description: p.description ?? '',
    donorId: p.donor?.id ?? null,
    budgetAmount: p.budgetAmount ?? '',
    currency: p.currency,
    startDate: p.startDate,
    endDate: p.endDate,
    targetGroups: [...p.targetGroups],
    restrictedGroup: p.restrictedGroup,
    districts: [...p.districts],
    partners: p.partners.map((x) => ({ partnerId: x.partnerId, role: x.role })),
  };
}

/** Changes a project (`/projects/:id/edit`): the same form, filled. */
export function EditProjectPage() {
  const { id = '' } = useParams();
  const project = useOp(getProject, { params: { id } });
  if (project.isPending) return <PageLoader />;
  if (project.error) return <LoadError problem={toProblem(project.error)} onRetry={() => void project.refetch()} />;
  return <ProjectFormPage existing={project.data} />;
}

/** Records a project: names in three languages, donor, budget, dates, target groups, districts and partners. */
export function ProjectFormPage({ existing }: { existing?: Project } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: existing
      ? valuesOf(existing)
      : {
          code: '',
          nameTr: '',
          nameEn: '',
          nameAr: '',
          description: '',
          donorId: null,
          budgetAmount: '',
          currency: 'TRY',
          startDate: '',
          endDate: '',
          targetGroups: [],
          restrictedGroup: null,
          districts: [],
          partners: [],
        },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createProject, { invalidates: ['/projects'] });
  const update = useOpMutation(updateProject, { invalidates: ['/projects'] });
  const partners = useOp(listPartners, { query: { sort: 'name', order: 'asc', page: 1, pageSize: 100 } });
  const partnerOptions = (partners.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.acronym ? `${p.name} (${p.acronym})` : p.name,
  }));

  async function submit(v: Values) {
    clear();
    const amount = typeof v.budgetAmount === 'number' ? v.budgetAmount : null;
    const body = {
      code: v.code.trim() || null,
      nameTr: v.nameTr.trim(),
      nameEn: v.nameEn.trim() || null,
      nameAr: v.nameAr.trim() || null,
      description: v.description.trim() || null,
      donorId: v.donorId,
      budgetAmount: amount,
      currency: amount === null ? null : v.currency,
      startDate: v.startDate,
      endDate: v.endDate,
      targetGroups: v.targetGroups,
      restrictedGroup: v.restrictedGroup,
      districts: v.districts,
      partners: v.partners.map((p) => ({ partnerId: p.partnerId ?? '', role: p.role })),
    };
    try {
      const saved = existing
        ? await update.mutateAsync({ params: { id: existing.id }, body })
        : await create.mutateAsync({ body });
      void navigate(`/projects/${saved.id}`);
    } catch (err) {
      handle(err);
    }
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={existing ? t('programmes.editProject') : t('programmes.newProject')}
        description={t('programmes.formDescription')}
      />
      <ProblemAlert problem={problem} onClose={clear} />
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('programmes.form.nameTr')}
                required
                {...form.getInputProps('nameTr')}
                data-testid="project-name"
              />
              <TextInput label={t('programmes.form.nameEn')} {...form.getInputProps('nameEn')} />
              <TextInput label={t('programmes.form.nameAr')} dir="rtl" lang="ar" {...form.getInputProps('nameAr')} />
              <TextInput label={t('programmes.form.code')} dir="ltr" {...form.getInputProps('code')} />
              <DateField
                label={t('programmes.form.startDate')}
                required
                data-testid="project-start"
                {...form.getInputProps('startDate')}
              />
              <DateField
                label={t('programmes.form.endDate')}
                required
                data-testid="project-end"
                {...form.getInputProps('endDate')}
              />
            </SimpleGrid>
            <Textarea
              mt="sm"
              label={t('programmes.form.description')}
              autosize
              minRows={3}
              {...form.getInputProps('description')}
            />
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('programmes.form.funding')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('programmes.fields.donor')}
                data={partnerOptions}
                searchable
                clearable
                {...form.getInputProps('donorId')}
              />
              <NumberInput
                label={t('programmes.form.budget')}
                min={0}
                decimalScale={2}
                thousandSeparator=" "
                {...form.getInputProps('budgetAmount')}
              />
              <Select
                label={t('programmes.form.currency')}
                data={CURRENCIES.map((c) => ({ value: c, label: c }))}
                clearable
                {...form.getInputProps('currency')}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                label={t('programmes.fields.targetGroups')}
                data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`groups.names.${g}`) }))}
                {...form.getInputProps('targetGroups')}
              />
              <Select
                label={t('programmes.form.restrictedGroup')}
                description={t('programmes.form.restrictedGroupHelp')}
                placeholder={t('programmes.form.noRestriction')}
                data={form.values.targetGroups.map((g) => ({ value: g, label: t(`groups.names.${g}`) }))}
                clearable
                data-testid="project-restricted-group"
                {...form.getInputProps('restrictedGroup')}
              />
              <TagsInput
                label={t('programmes.fields.districts')}
                description={t('programmes.form.districtsHelp')}
                {...form.getInputProps('districts')}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t('programmes.fields.partners')}
              </Title>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => form.insertListItem('partners', { partnerId: null, role: 'implementing' })}
              >
                {t('programmes.form.addPartner')}
              </Button>
            </Group>
            <Stack gap="xs">
              {form.values.partners.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('programmes.form.noPartners')}
                </Text>
              ) : null}
              {form.values.partners.map((_, i) => (
                <Group key={i} align="flex-end" gap="xs" wrap="wrap">
                  <Select
                    label={t('programmes.form.partner')}
                    data={partnerOptions}
                    searchable
                    style={{ flex: 1, minWidth: 240 }}
                    {...form.getInputProps(`partners.${i}.partnerId`)}
                  />
                  <Select
                    label={t('programmes.form.role')}
                    data={PARTNER_ROLES.map((r) => ({ value: r, label: t(`programmes.partnerRoles.${r}`) }))}
                    allowDeselect={false}
                    {...form.getInputProps(`partners.${i}.role`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    size="lg"
                    aria-label={t('programmes.form.removePartner')}
                    onClick={() => form.removeListItem('partners', i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              {form.errors.partners ? (
                <Text c="red.8" size="sm" role="alert">
                  {form.errors.partners}
                </Text>
              ) : null}
            </Stack>
          </Card>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="project-save">
              {t('programmes.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
