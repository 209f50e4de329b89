import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { listUsers } from '../../../common/contracts/identity.ts';
import { searchOccupations } from '../../../common/contracts/taxonomy.ts';
import { useEmployerChoices } from '../../components/work/employerChoices.ts';
import { useCan } from '../../api/session.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { TARGET_GROUPS, type TargetGroup } from '../../../common/enums.ts';
import { CERTIFICATE_TYPES, type CertificateType } from '../../../common/courses.ts';
import { createCourse, getCourse, updateCourse, type Course } from '../../../common/contracts/courses.ts';
import { listProjects } from '../../../common/contracts/programmes.ts';
import { coursePaths, localTitle } from './labels.ts';
import { DateField, TimeField } from '../../components/DateFields.tsx';

interface SessionRow {
  /** An existing session keeps its id (and its attendance). */
  id?: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
}

interface Values {
  titleTr: string;
  titleEn: string;
  titleAr: string;
  iscoCode: string | null;
  hours: number | string;
  startDate: string;
  endDate: string;
  capacity: number | string;
  trainerIds: string[];
  minAge: number | string;
  maxAge: number | string;
  targetGroups: TargetGroup[];
  targetGroupsRequired: boolean;
  certificateType: CertificateType;
  minAttendancePercent: number | string;
  assessmentRequired: boolean;
  projectId: string | null;
  /** A training-supported employment course: the employer that commits to hire a share of the graduates. */
  employerId: string | null;
  hireCommitmentPercent: number | string;
  sessions: SessionRow[];
}

const FIELDS = [
  'titleTr',
  'titleEn',
  'titleAr',
  'iscoCode',
  'hours',
  'startDate',
  'endDate',
  'capacity',
  'trainerIds',
  'minAge',
  'maxAge',
  'targetGroups',
  'certificateType',
  'completionRule',
  'projectId',
  'employment',
  'sessions',
] as const;

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));

function valuesOf(c: Course): Values {
  return {
    titleTr: c.title.tr,
    titleEn: c.title.en ?? '',
    titleAr: c.title.ar ?? '',
    iscoCode: c.iscoCode,
    hours: c.hours,
    startDate: c.startDate,
    endDate: c.endDate,
    capacity: c.capacity,
    trainerIds: c.trainers.map((x) => x.id),
    minAge: c.minAge ?? '',
    maxAge: c.maxAge ?? '',
    targetGroups: [...c.targetGroups],
    targetGroupsRequired: c.targetGroupsRequired,
    certificateType: c.certificateType,
    minAttendancePercent: c.completionRule.minAttendancePercent,
    assessmentRequired: c.completionRule.assessmentRequired,
    projectId: c.projectId,
    employerId: c.employment?.employerId ?? null,
    hireCommitmentPercent: c.employment?.hireCommitmentPercent ?? '',
    sessions: c.sessions.map((x) => ({
      id: x.id,
      date: x.date,
      startTime: x.startTime,
      endTime: x.endTime,
      place: x.place,
    })),
  };
}

/** Changes a course (`/courses/:id/edit`): the same form, filled; capacity may not go below the enrolments. */
export function EditCoursePage() {
  const { id = '' } = useParams();
  const course = useOp(getCourse, { params: { id } });
  if (course.isPending) return <PageLoader />;
  if (course.error) return <LoadError problem={toProblem(course.error)} onRetry={() => void course.refetch()} />;
  return <NewCoursePage existing={course.data} />;
}

/** Adds a course to the catalogue: the server checks dates, sessions, occupation and trainers. */
export function NewCoursePage({ existing }: { existing?: Course } = {}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: existing
      ? valuesOf(existing)
      : {
          titleTr: '',
          titleEn: '',
          titleAr: '',
          iscoCode: null,
          hours: 60,
          startDate: '',
          endDate: '',
          capacity: 15,
          trainerIds: [],
          minAge: '',
          maxAge: '',
          targetGroups: [],
          targetGroupsRequired: false,
          certificateType: 'participation',
          minAttendancePercent: 80,
          assessmentRequired: false,
          projectId: null,
          employerId: null,
          hireCommitmentPercent: '',
          sessions: [],
        },
  });
  const can = useCan();
  const projects = useOp(
    listProjects,
    { query: { sort: 'name', order: 'asc', page: 1, pageSize: 100 } },
    { enabled: can('programmes:read', 'courses:manage') },
  );
  const employers = useEmployerChoices(can('employers:read'), 'verified');
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const create = useOpMutation(createCourse, { invalidates: ['/courses'] });
  const update = useOpMutation(updateCourse, { invalidates: ['/courses'] });
  const [occupationSearch, setOccupationSearch] = useState('');
  const [q] = useDebouncedValue(occupationSearch.trim(), 250);
  const occupations = useOp(searchOccupations, { query: { q, limit: 10 } }, { enabled: q.length >= 2 });
  const staff = useOp(listUsers, { query: { kind: 'staff', pageSize: 200, sort: 'name' } });

  async function submit(v: Values) {
    clear();
    try {
      const body = {
        titleTr: v.titleTr.trim(),
        titleEn: v.titleEn.trim() || null,
        titleAr: v.titleAr.trim() || null,
        iscoCode: v.iscoCode ?? '',
        hours: num(v.hours) ?? 0,
        startDate: v.startDate,
        endDate: v.endDate,
        capacity: num(v.capacity) ?? 0,
        trainerIds: v.trainerIds,
        minAge: num(v.minAge),
        maxAge: num(v.maxAge),
        targetGroups: v.targetGroups,
        targetGroupsRequired: v.targetGroupsRequired,
        certificateType: v.certificateType,
        completionRule: {
          minAttendancePercent: num(v.minAttendancePercent) ?? 0,
          assessmentRequired: v.assessmentRequired,
        },
        projectId: v.projectId,
        employment: v.employerId
          ? { employerId: v.employerId, hireCommitmentPercent: num(v.hireCommitmentPercent) ?? 0 }
          : null,
        sessions: v.sessions.map((s) => ({ ...s, place: s.place.trim() })),
      };
      const course = existing
        ? await update.mutateAsync({ params: { id: existing.id }, body })
        : await create.mutateAsync({ body });
      void navigate(coursePaths.course(course.id));
    } catch (err) {
      handle(err);
    }
  }

  const occupationData = (occupations.data?.items ?? []).map((o) => ({
    value: o.iscoCode,
    label: `${o.title} (${o.iscoCode})`,
  }));
  if (form.values.iscoCode && !occupationData.some((o) => o.value === form.values.iscoCode))
    occupationData.unshift({
      value: form.values.iscoCode,
      label:
        existing && existing.iscoCode === form.values.iscoCode
          ? `${localTitle(existing.occupation, i18n.language)} (${existing.iscoCode})`
          : form.values.iscoCode,
    });

  const employerOptions = (employers.data?.items ?? []).map((e) => ({
    value: e.id,
    label: e.tradeName ?? e.legalName,
  }));
  if (existing?.employment && !employerOptions.some((o) => o.value === existing.employment!.employerId))
    employerOptions.unshift({ value: existing.employment.employerId, label: existing.employment.employerName });

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={existing ? t('courses.form.editTitle') : t('courses.form.title')}
        description={t('courses.form.description')}
      />
      <ProblemAlert problem={problem} onClose={clear} />
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('courses.form.titleTr')} required {...form.getInputProps('titleTr')} />
              <TextInput label={t('courses.form.titleEn')} {...form.getInputProps('titleEn')} />
              <TextInput label={t('courses.form.titleAr')} dir="rtl" lang="ar" {...form.getInputProps('titleAr')} />
              <Select
                label={t('courses.fields.occupation')}
                required
                searchable
                data={occupationData}
                searchValue={occupationSearch}
                onSearchChange={setOccupationSearch}
                nothingFoundMessage={q.length >= 2 ? t('courses.form.noOccupation') : t('courses.form.typeOccupation')}
                data-testid="course-occupation"
                {...form.getInputProps('iscoCode')}
              />
              <NumberInput label={t('courses.form.hours')} required min={1} {...form.getInputProps('hours')} />
              <NumberInput label={t('courses.fields.capacity')} required min={1} {...form.getInputProps('capacity')} />
              <DateField label={t('courses.form.startDate')} required {...form.getInputProps('startDate')} />
              <DateField label={t('courses.form.endDate')} required {...form.getInputProps('endDate')} />
              <MultiSelect
                label={t('courses.fields.trainers')}
                data={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
                searchable
                {...form.getInputProps('trainerIds')}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('courses.fields.eligibility')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput label={t('courses.form.minAge')} min={15} max={99} {...form.getInputProps('minAge')} />
              <NumberInput label={t('courses.form.maxAge')} min={15} max={99} {...form.getInputProps('maxAge')} />
              <MultiSelect
                label={t('courses.form.targetGroups')}
                data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`groups.names.${g}`) }))}
                {...form.getInputProps('targetGroups')}
              />
            </SimpleGrid>
            <Checkbox
              mt="sm"
              label={t('courses.form.targetGroupsRequired')}
              {...form.getInputProps('targetGroupsRequired', { type: 'checkbox' })}
            />
          </Card>
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('courses.fields.certificateType')}
                data={CERTIFICATE_TYPES.map((c) => ({ value: c, label: t(`courses.certificateTypes.${c}`) }))}
                allowDeselect={false}
                {...form.getInputProps('certificateType')}
              />
              <NumberInput
                label={t('courses.form.minAttendance')}
                min={0}
                max={100}
                suffix=" %"
                {...form.getInputProps('minAttendancePercent')}
              />
              <Checkbox
                mt={{ sm: 28 }}
                label={t('courses.form.assessmentRequired')}
                {...form.getInputProps('assessmentRequired', { type: 'checkbox' })}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('courses.form.projectAndEmployment')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('courses.form.project')}
                placeholder={t('courses.form.noProject')}
                data={(projects.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.code ? `${p.code} · ` : ''}${localTitle(p.name, i18n.language)}`,
                }))}
                searchable
                clearable
                nothingFoundMessage={t('courses.form.noProjects')}
                data-testid="course-project"
                {...form.getInputProps('projectId')}
              />
              <Select
                label={t('courses.form.employer')}
                description={t('courses.form.employerHelp')}
                placeholder={t('courses.form.noEmployer')}
                data={employerOptions}
                searchable
                clearable
                nothingFoundMessage={t('courses.form.noEmployers')}
                data-testid="course-employer"
                {...form.getInputProps('employerId')}
                error={form.errors.employerId ?? form.errors.employment}
              />
              <NumberInput
                label={t('courses.form.hireCommitment')}
                min={1}
                max={100}
                suffix=" %"
                disabled={!form.values.employerId}
                required={!!form.values.employerId}
                data-testid="course-commitment"
                {...form.getInputProps('hireCommitmentPercent')}
              />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t('courses.sessions')}
              </Title>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() =>
                  form.insertListItem('sessions', {
                    date: form.values.sessions.at(-1)?.date ?? form.values.startDate,
                    startTime: '09:30',
                    endTime: '13:00',
                    place: form.values.sessions.at(-1)?.place ?? '',
                  })
                }
              >
                {t('courses.form.addSession')}
              </Button>
            </Group>
            <Stack gap="xs">
              {form.values.sessions.map((_, i) => (
                <Group key={i} align="flex-end" wrap="wrap" gap="xs">
                  <DateField label={t('courses.fields.date')} {...form.getInputProps(`sessions.${i}.date`)} />
                  <TimeField label={t('courses.form.from')} {...form.getInputProps(`sessions.${i}.startTime`)} />
                  <TimeField label={t('courses.form.to')} {...form.getInputProps(`sessions.${i}.endTime`)} />
                  <TextInput
                    label={t('courses.fields.place')}
                    style={{ flex: 1, minWidth: 200 }}
                    {...form.getInputProps(`sessions.${i}.place`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    size="lg"
                    aria-label={t('courses.form.removeSession')}
                    onClick={() => form.removeListItem('sessions', i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              {form.errors.sessions ? (
                <Text c="red.8" size="sm" role="alert">
                  {form.errors.sessions}
                </Text>
              ) : null}
            </Stack>
          </Card>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="course-save">
              {t('courses.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
