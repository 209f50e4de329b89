import { useMemo, useState } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEmployerChoices } from './employerChoices.ts';
import { callOp, opKey, pathKey, useOp } from '../../api/ops.ts';
import * as op from '../../../common/contracts/vacancies.ts';
import type { Vacancy, VacancyCreate } from '../../../common/contracts/vacancies.ts';
import { numberSeparators, turkiyeToday } from '../format.ts';
import { DecentWorkPanel } from './DecentWorkPanel.tsx';
import { COMMON_LANGUAGES, employerName, languageName } from './labels.ts';
import { liveCheck } from './liveCheck.ts';
import { OccupationInput, QualificationsSelect, SkillsInput } from '../taxonomy/TaxonomyPickers.tsx';
import { RuleProblemAlert, useRuleProblem, READABLE_ERRORS } from './problems.tsx';
import { useDecentWorkLimits, useDistricts, useMinimumWageTable, useProvinces } from './queries.ts';
import {
  CONTRACT_TYPES,
  LANGUAGE_LEVELS,
  SHIFTS,
  TARGET_GROUPS,
  type ContractType,
  type HazardClass,
  type LanguageLevel,
  type Shift,
  type TargetGroup,
  type WageBasis,
} from './types.ts';
import { DateField } from '../DateFields.tsx';
import { changedValues } from '../changedValues.ts';

interface Values {
  employerId: string | null;
  title: string;
  occupation: string;
  iscoCode: string | null;
  duties: string;
  requiredSkills: string[];
  preferredSkills: string[];
  requiredSkillIds: string[];
  preferredSkillIds: string[];
  requiredLicences: string[];
  requiredCertificates: string[];
  iscedLevel: string | null;
  languages: { code: string; level: LanguageLevel }[];
  province: string | null;
  district: string | null;
  remote: boolean;
  positions: number | string;
  contractType: ContractType;
  startDate: string;
  deadline: string;
  hoursPerDay: number | string;
  hoursPerWeek: number | string;
  daysPerWeek: number | string;
  shifts: Shift[];
  minimumAge: number | string;
  wageMin: number | string;
  wageMax: number | string;
  wageBasis: WageBasis;
  benefits: string;
  childcareSupport: boolean;
  accessibleWorkplace: boolean;
  suitableGroups: TargetGroup[];
  wordingJustification: string;
}

const FIELDS = [
  'employerId',
  'title',
  'occupation',
  'iscoCode',
  'duties',
  'requiredSkills',
  'preferredSkills',
  'requiredSkillIds',
  'preferredSkillIds',
  'requiredLicences',
  'requiredCertificates',
  'iscedLevel',
  'languages',
  'province',
  'district',
  'remote',
  'positions',
  'contractType',
  'startDate',
  'deadline',
  'hoursPerDay',
  'hoursPerWeek',
  'daysPerWeek',
  'shifts',
  'minimumAge',
  'wageMin',
  'wageMax',
  'wageBasis',
  'benefits',
  'childcareSupport',
  'accessibleWorkplace',
  'suitableGroups',
  'wordingJustification',
] as const;

function initialValues(v: Vacancy | null, employerId: string | null): Values {
  return {
    employerId: v?.employer.id ?? employerId,
    title: v?.title ?? '',
    occupation: v?.occupation ?? '',
    iscoCode: v?.iscoCode ?? null,
    duties: v?.duties ?? '',
    requiredSkills: v?.requiredSkills ?? [],
    preferredSkills: v?.preferredSkills ?? [],
    requiredSkillIds: v?.requiredSkillIds ?? [],
    preferredSkillIds: v?.preferredSkillIds ?? [],
    requiredLicences: v?.requiredLicences ?? [],
    requiredCertificates: v?.requiredCertificates ?? [],
    iscedLevel: v?.iscedLevel === null || v?.iscedLevel === undefined ? null : String(v.iscedLevel),
    languages: v?.languages ?? [],
    province: v?.province ?? null,
    district: v?.district ?? null,
    remote: v?.remote ?? false,
    positions: v?.positions ?? 1,
    contractType: v?.contractType ?? 'permanent',
    startDate: v?.startDate ?? '',
    deadline: v?.deadline ?? '',
    hoursPerDay: v?.hoursPerDay ?? 8,
    hoursPerWeek: v?.hoursPerWeek ?? 45,
    daysPerWeek: v?.daysPerWeek ?? '',
    shifts: v?.shifts ?? ['day'],
    minimumAge: v?.minimumAge ?? 18,
    wageMin: v?.wageMin ?? '',
    wageMax: v?.wageMax ?? '',
    wageBasis: v?.wageBasis ?? 'net',
    benefits: v?.benefits ?? '',
    childcareSupport: v?.childcareSupport ?? false,
    accessibleWorkplace: v?.accessibleWorkplace ?? false,
    suitableGroups: v?.suitableGroups ?? [],
    wordingJustification: v?.wordingJustification ?? '',
  };
}

const numberOrNull = (v: number | string): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The request body for POST/PATCH /vacancies from the form's values. */
function toBody(values: Values): Required<Omit<VacancyCreate, 'employerId'>> {
  return {
    title: values.title.trim(),
    occupation: values.occupation.trim(),
    iscoCode: values.iscoCode,
    duties: values.duties.trim(),
    requiredSkills: values.requiredSkills.map((s) => s.trim()).filter(Boolean),
    preferredSkills: values.preferredSkills.map((s) => s.trim()).filter(Boolean),
    requiredSkillIds: values.requiredSkillIds,
    preferredSkillIds: values.preferredSkillIds,
    requiredLicences: values.requiredLicences,
    requiredCertificates: values.requiredCertificates,
    iscedLevel: values.iscedLevel === null || values.iscedLevel === '' ? null : Number(values.iscedLevel),
    languages: values.languages.filter((l) => l.code),
    province: values.province ?? '',
    district: values.district || null,
    remote: values.remote,
    positions: numberOrNull(values.positions) ?? 0,
    contractType: values.contractType,
    startDate: values.startDate,
    hoursPerDay: numberOrNull(values.hoursPerDay) ?? 0,
    hoursPerWeek: numberOrNull(values.hoursPerWeek) ?? 0,
    daysPerWeek: numberOrNull(values.daysPerWeek),
    shifts: values.shifts,
    minimumAge: numberOrNull(values.minimumAge) ?? 18,
    wageMin: numberOrNull(values.wageMin) ?? 0,
    wageMax: numberOrNull(values.wageMax),
    wageBasis: values.wageBasis,
    benefits: values.benefits.trim() || null,
    childcareSupport: values.childcareSupport,
    accessibleWorkplace: values.accessibleWorkplace,
    suitableGroups: values.suitableGroups,
    deadline: values.deadline || null,
    wordingJustification: values.wordingJustification.trim() || null,
  };
}

export function useVacancyFieldLabels(): Record<string, string> & Record<(typeof FIELDS)[number], string> {
  const { t } = useTranslation();
  return useMemo(() => {
    const labels: Record<string, string> = {};
    for (const f of FIELDS) labels[f] = t(`vacancies.fields.${f}`);
    labels.hazardClass = t('employers.hazardClass');
    labels.personId = t('referrals.person');
    return labels as Record<string, string> & Record<(typeof FIELDS)[number], string>;
  }, [t]);
}

/** After a change: the vacancy as the server answered it, and every vacancy read (lists, its check) again. */
export function vacancyChanged(client: QueryClient, saved: Vacancy) {
  client.setQueryData(opKey(op.getVacancy, { params: { id: saved.id } }), saved);
  void client.invalidateQueries({
    queryKey: pathKey(op.listVacancies.path),
    predicate: (query) => query.queryKey.length !== 2 || query.queryKey[1] !== saved.id,
  });
}

/**
 * Creating and changing a vacancy, for staff and for employer users alike: every field, the
 * decent-work panel beside it (a preview while typing, the server's check once saved), and
 * "submit for review", whose refusal names each failing rule under its field and in a list on top.
 */
export function VacancyForm({
  vacancy,
  chooseEmployer,
  defaultEmployerId = null,
  hazardClass,
  onSaved,
  onSubmitted,
  onCancel,
}: {
  vacancy: Vacancy | null;
  /** Staff creating a vacancy name the employer; an employer user posts for their own. */
  chooseEmployer: boolean;
  defaultEmployerId?: string | null;
  /** The employer's hazard class (confirmed, or suggested from NACE) for the preview. */
  hazardClass: HazardClass | null;
  onSaved: (v: Vacancy, created: boolean) => void;
  onSubmitted: (v: Vacancy) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const labels = useVacancyFieldLabels();
  const separators = numberSeparators();
  const [current, setCurrent] = useState<Vacancy | null>(vacancy);
  const [iscoTitle, setIscoTitle] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(vacancy, defaultEmployerId),
    validate: {
      employerId: (v) => (chooseEmployer && !current && !v ? t('errors.validation.required') : null),
      title: (v) => (v.trim().length >= 3 ? null : t('errors.validation.minLength', { limit: 3 })),
      occupation: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      duties: (v) => (v.trim().length >= 10 ? null : t('errors.validation.minLength', { limit: 10 })),
      province: (v) => (v ? null : t('errors.validation.required')),
      positions: (v) => (typeof v === 'number' && v >= 1 ? null : t('errors.validation.minimum', { limit: 1 })),
      startDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('errors.validation.format.date')),
      hoursPerDay: (v) => (typeof v === 'number' && v > 0 ? null : t('errors.validation.required')),
      hoursPerWeek: (v) => (typeof v === 'number' && v > 0 ? null : t('errors.validation.required')),
      shifts: (v) => (v.length > 0 ? null : t('errors.validation.minItems', { limit: 1 })),
      wageMin: (v) => (typeof v === 'number' && v > 0 ? null : t('errors.validation.required')),
    },
  });
  const { problem, handle, clear } = useRuleProblem(form, FIELDS);
  const provinces = useProvinces();
  const districts = useDistricts(form.values.province);
  const wages = useMinimumWageTable();
  const limits = useDecentWorkLimits();
  const employers = useEmployerChoices(chooseEmployer && !current);
  const chosenEmployer = employers.data?.items.find((e) => e.id === form.values.employerId);
  const effectiveHazard = chosenEmployer
    ? (chosenEmployer.hazardClass ?? chosenEmployer.hazardClassSuggested)
    : hazardClass;
  // The employer's status is a rule too (a suspended employer stops everything), checked as the server does.
  const employerStatus = chosenEmployer?.status ?? current?.employer.status ?? null;
  const employerFacts = useMemo(
    () =>
      employerStatus
        ? {
            status: employerStatus,
            statusReason: chosenEmployer?.statusReason ?? null,
          }
        : null,
    [employerStatus, chosenEmployer?.statusReason],
  );

  const id = current?.id ?? null;
  const check = useOp(op.checkVacancy, { params: { id: id ?? '' } }, { enabled: id !== null });

  const dirty = form.isDirty();
  const live = useMemo(() => {
    if (!wages.data || !limits.data) return null;
    return liveCheck(
      {
        ...form.values,
        province: form.values.province,
      },
      wages.data.items,
      limits.data,
      effectiveHazard,
      employerFacts,
    );
  }, [form.values, wages.data, limits.data, effectiveHazard, employerFacts]);
  const useLive = id === null || dirty;
  const panelResult = useLive ? live : (check.data ?? null);
  const justified = form.values.wordingJustification.trim().length > 0;
  const showJustification =
    (panelResult?.wordingFlags.length ?? 0) > 0 || (check.data?.wordingFlags.length ?? 0) > 0 || justified;
  const editingPublished = current?.status === 'published';

  async function save(values: Values): Promise<Vacancy | null> {
    const body = toBody(values);
    if (current) {
      const before = toBody(initialValues(current, null));
      const changed = changedValues(body, before);
      if (Object.keys(changed).length === 0) return current;
      return callOp(op.updateVacancy, { params: { id: current.id }, body: changed });
    }
    // The server's validator turns a null education level into 0 (pre-primary): leave it out instead.
    const { iscedLevel, ...rest } = body;
    const createBody = iscedLevel === null ? rest : body;
    return callOp(op.createVacancy, {
      body: chooseEmployer ? { ...createBody, employerId: values.employerId ?? undefined } : createBody,
    });
  }

  function afterSave(saved: Vacancy) {
    setCurrent(saved);
    const next = initialValues(saved, null);
    form.setInitialValues(next);
    form.setValues(next);
    form.resetDirty(next);
    vacancyChanged(client, saved);
  }

  // Saving, and saving then submitting for review: two actions, each with its own busy state.
  const saving = useMutation({ mutationFn: save });
  const submitting = useMutation({
    mutationFn: async (values: Values) => {
      const saved = await save(values);
      if (!saved) return null;
      afterSave(saved);
      // Staff changing a submitted vacancy leave it submitted; only a draft is submitted again.
      return saved.status === 'draft' ? callOp(op.submitVacancy, { params: { id: saved.id } }) : saved;
    },
  });

  const submitSave = form.onSubmit(async (values) => {
    clear();
    try {
      const created = current === null;
      const saved = await saving.mutateAsync(values);
      if (saved) {
        afterSave(saved);
        onSaved(saved, created);
      }
    } catch (err) {
      handle(err);
    }
  });

  async function submitForReview() {
    const validation = form.validate();
    if (validation.hasErrors) return;
    clear();
    try {
      const submitted = await submitting.mutateAsync(form.getValues());
      if (!submitted) return;
      afterSave(submitted);
      onSubmitted(submitted);
    } catch (err) {
      // The server formats each rule's message (money, dates, terms) in the user's language.
      handle(err);
    }
  }

  const provinceOptions = (provinces.data ?? []).map((p) => p.name);
  const districtOptions = districts.data?.items ?? [];
  const languageOptions = [
    ...new Set([...COMMON_LANGUAGES, ...form.values.languages.map((l) => l.code).filter(Boolean)]),
  ].map((code) => ({ value: code, label: languageName(code) }));
  const numberProps = { thousandSeparator: separators.group, decimalSeparator: separators.decimal };

  const justificationField = showJustification ? (
    <Textarea
      label={labels.wordingJustification}
      description={t('vacancies.justificationHint')}
      autosize
      minRows={2}
      maxLength={2000}
      data-testid="wording-justification"
      dir="auto"
      {...form.getInputProps('wordingJustification')}
    />
  ) : null;

  return (
    <form onSubmit={submitSave} noValidate style={READABLE_ERRORS} data-testid="vacancy-form">
      <Stack gap="md">
        <RuleProblemAlert problem={problem} labels={labels} onClose={clear} />
        {current?.reviewNote && current.status === 'draft' ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('vacancies.reviewNote')}>
            {current.reviewNote}
          </Alert>
        ) : null}
        {current?.status === 'submitted' ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('vacancies.editSubmittedHint')}
          </Alert>
        ) : null}
        {editingPublished ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('vacancies.editPublishedHint')}
          </Alert>
        ) : null}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Fieldset legend={t('vacancies.sections.job')}>
                <Stack gap="sm">
                  {chooseEmployer && !current ? (
                    <Select
                      label={labels.employerId}
                      required
                      searchable
                      data={(employers.data?.items ?? [])
                        .filter((e) => e.status !== 'suspended')
                        .map((e) => ({ value: e.id, label: employerName(e) }))}
                      nothingFoundMessage={t('common.noOptions')}
                      {...form.getInputProps('employerId')}
                    />
                  ) : null}
                  <TextInput
                    label={labels.title}
                    required
                    maxLength={200}
                    dir="auto"
                    {...form.getInputProps('title')}
                  />
                  <OccupationInput
                    label={labels.occupation}
                    description={t('vacancies.occupationHint')}
                    required
                    title={form.values.occupation}
                    iscoCode={form.values.iscoCode}
                    iscoTitle={iscoTitle}
                    error={form.errors.occupation ?? form.errors.iscoCode}
                    onChange={(title, code, codeTitle) => {
                      form.setFieldValue('occupation', title);
                      form.setFieldValue('iscoCode', code);
                      setIscoTitle(codeTitle);
                    }}
                    testId="vacancy-occupation"
                  />
                  <Textarea
                    label={labels.duties}
                    required
                    autosize
                    minRows={3}
                    maxLength={10000}
                    dir="auto"
                    {...form.getInputProps('duties')}
                  />
                  {justificationField}
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <Select
                      label={labels.contractType}
                      required
                      allowDeselect={false}
                      data={CONTRACT_TYPES.map((c) => ({ value: c, label: t(`vacancies.contractTypes.${c}`) }))}
                      {...form.getInputProps('contractType')}
                    />
                    <NumberInput
                      label={labels.positions}
                      required
                      min={1}
                      max={10000}
                      allowDecimal={false}
                      {...numberProps}
                      {...form.getInputProps('positions')}
                    />
                    <DateField
                      label={labels.startDate}
                      required
                      min={turkiyeToday()}
                      {...form.getInputProps('startDate')}
                    />
                    <DateField label={labels.deadline} min={turkiyeToday()} {...form.getInputProps('deadline')} />
                  </SimpleGrid>
                </Stack>
              </Fieldset>

              <Fieldset legend={t('vacancies.sections.place')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Select
                    label={labels.province}
                    required
                    searchable
                    data={provinceOptions}
                    nothingFoundMessage={t('common.noOptions')}
                    {...form.getInputProps('province')}
                    onChange={(value: string | null) => {
                      form.setFieldValue('province', value);
                      form.setFieldValue('district', null);
                    }}
                  />
                  <Select
                    label={labels.district}
                    searchable
                    clearable
                    disabled={!form.values.province}
                    data={districtOptions}
                    nothingFoundMessage={t('common.noOptions')}
                    {...form.getInputProps('district')}
                  />
                </SimpleGrid>
                <Switch mt="sm" label={labels.remote} {...form.getInputProps('remote', { type: 'checkbox' })} />
              </Fieldset>

              <Fieldset legend={t('vacancies.sections.time')}>
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
                    <NumberInput
                      label={labels.hoursPerDay}
                      required
                      min={0.5}
                      max={24}
                      step={0.5}
                      decimalScale={1}
                      {...numberProps}
                      {...form.getInputProps('hoursPerDay')}
                    />
                    <NumberInput
                      label={labels.hoursPerWeek}
                      required
                      min={1}
                      max={168}
                      step={0.5}
                      decimalScale={1}
                      {...numberProps}
                      {...form.getInputProps('hoursPerWeek')}
                    />
                    <NumberInput
                      label={labels.daysPerWeek}
                      description={t('vacancies.daysPerWeekHint')}
                      min={1}
                      max={7}
                      allowDecimal={false}
                      {...form.getInputProps('daysPerWeek')}
                    />
                    <NumberInput
                      label={labels.minimumAge}
                      description={t('vacancies.minimumAgeHint')}
                      min={0}
                      max={70}
                      allowDecimal={false}
                      {...form.getInputProps('minimumAge')}
                    />
                  </SimpleGrid>
                  <Checkbox.Group label={labels.shifts} required {...form.getInputProps('shifts')}>
                    <Group mt={6} gap="md">
                      {SHIFTS.map((s) => (
                        <Checkbox key={s} value={s} label={t(`vacancies.shifts.${s}`)} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                </Stack>
              </Fieldset>

              <Fieldset legend={t('vacancies.sections.pay')}>
                <Stack gap="sm">
                  <Stack gap={4}>
                    <Text size="sm" fw={500} id="wage-basis-label">
                      {labels.wageBasis}
                    </Text>
                    <SegmentedControl
                      aria-labelledby="wage-basis-label"
                      data={(['net', 'gross'] as const).map((b) => ({
                        value: b,
                        label: t(`vacancies.wageBasesLong.${b}`),
                      }))}
                      {...form.getInputProps('wageBasis')}
                    />
                  </Stack>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <NumberInput
                      label={labels.wageMin}
                      description={t('vacancies.wageHint')}
                      required
                      min={0}
                      decimalScale={2}
                      leftSection="₺"
                      {...numberProps}
                      {...form.getInputProps('wageMin')}
                    />
                    <NumberInput
                      label={labels.wageMax}
                      description={t('vacancies.wageMaxHint')}
                      min={0}
                      decimalScale={2}
                      leftSection="₺"
                      {...numberProps}
                      {...form.getInputProps('wageMax')}
                    />
                  </SimpleGrid>
                  <Textarea
                    label={labels.benefits}
                    autosize
                    minRows={2}
                    maxLength={2000}
                    dir="auto"
                    {...form.getInputProps('benefits')}
                  />
                  <Switch
                    label={labels.childcareSupport}
                    {...form.getInputProps('childcareSupport', { type: 'checkbox' })}
                  />
                  <Switch
                    label={labels.accessibleWorkplace}
                    {...form.getInputProps('accessibleWorkplace', { type: 'checkbox' })}
                  />
                </Stack>
              </Fieldset>

              <Fieldset legend={t('vacancies.sections.requirements')}>
                <Stack gap="sm">
                  <SkillsInput
                    label={labels.requiredSkillIds}
                    value={form.values.requiredSkillIds}
                    onChange={(ids) => form.setFieldValue('requiredSkillIds', ids)}
                    testId="vacancy-required-skill-ids"
                  />
                  <SkillsInput
                    label={labels.preferredSkillIds}
                    value={form.values.preferredSkillIds}
                    onChange={(ids) => form.setFieldValue('preferredSkillIds', ids)}
                  />
                  <QualificationsSelect
                    list="driving-licences"
                    label={labels.requiredLicences}
                    value={form.values.requiredLicences}
                    onChange={(codes) => form.setFieldValue('requiredLicences', codes)}
                  />
                  <QualificationsSelect
                    list="certificates"
                    label={labels.requiredCertificates}
                    value={form.values.requiredCertificates}
                    onChange={(codes) => form.setFieldValue('requiredCertificates', codes)}
                  />
                  <TagsInput
                    label={labels.requiredSkills}
                    description={t('vacancies.skillsHint')}
                    maxTags={30}
                    clearable
                    {...form.getInputProps('requiredSkills')}
                  />
                  <TagsInput
                    label={labels.preferredSkills}
                    description={t('vacancies.skillsHint')}
                    maxTags={30}
                    clearable
                    {...form.getInputProps('preferredSkills')}
                  />
                  <Select
                    label={labels.iscedLevel}
                    clearable
                    placeholder={t('vacancies.noEducationRequirement')}
                    data={Array.from({ length: 9 }, (_, i) => ({ value: String(i), label: t(`vacancies.isced.${i}`) }))}
                    {...form.getInputProps('iscedLevel')}
                  />
                  <Stack gap={6}>
                    <Text size="sm" fw={500}>
                      {labels.languages}
                    </Text>
                    {form.values.languages.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('vacancies.noLanguages')}
                      </Text>
                    ) : null}
                    {form.values.languages.map((_, index) => (
                      <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
                        <Select
                          label={t('vacancies.language')}
                          searchable
                          allowDeselect={false}
                          data={languageOptions}
                          flex={1}
                          {...form.getInputProps(`languages.${index}.code`)}
                        />
                        <Select
                          label={t('vacancies.languageLevel')}
                          allowDeselect={false}
                          data={LANGUAGE_LEVELS.map((l) => ({ value: l, label: t(`vacancies.levels.${l}`) }))}
                          w={150}
                          {...form.getInputProps(`languages.${index}.level`)}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          size="lg"
                          mb={2}
                          aria-label={t('vacancies.removeLanguage')}
                          onClick={() => form.removeListItem('languages', index)}
                        >
                          <IconTrash size={18} aria-hidden />
                        </ActionIcon>
                      </Group>
                    ))}
                    <Group>
                      <Button
                        variant="light"
                        size="xs"
                        leftSection={<IconPlus size={14} aria-hidden />}
                        onClick={() => form.insertListItem('languages', { code: 'tr', level: 'B1' })}
                        disabled={form.values.languages.length >= 10}
                      >
                        {t('vacancies.addLanguage')}
                      </Button>
                    </Group>
                  </Stack>
                </Stack>
              </Fieldset>

              <Fieldset legend={t('vacancies.sections.inclusion')}>
                <Stack gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('vacancies.groupsHint')}
                  </Text>
                  <Checkbox.Group aria-label={labels.suitableGroups} {...form.getInputProps('suitableGroups')}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
                      {TARGET_GROUPS.map((g: TargetGroup) => (
                        <Checkbox key={g} value={g} label={t(`vacancies.groups.${g}`)} />
                      ))}
                    </SimpleGrid>
                  </Checkbox.Group>
                </Stack>
              </Fieldset>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Box pos="sticky" top={76}>
              <DecentWorkPanel
                result={panelResult}
                source={useLive ? 'live' : 'saved'}
                loading={!useLive && check.isFetching}
                labels={labels}
                justified={justified}
              />
            </Box>
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant={editingPublished ? 'filled' : 'default'}
            loading={saving.isPending}
            data-testid="vacancy-save"
          >
            {editingPublished ? t('common.save') : t('vacancies.saveDraft')}
          </Button>
          {!editingPublished ? (
            <Button onClick={() => void submitForReview()} loading={submitting.isPending} data-testid="vacancy-submit">
              {t('vacancies.submitForReview')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
