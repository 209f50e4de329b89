import {
  OccupationInput,
  OccupationsInput,
  QualificationsSelect,
  SkillsInput,
} from '../../components/taxonomy/TaxonomyPickers.tsx';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Chip,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../../common/locales.ts';
import {
  INFORMAL_WORK_KINDS,
  MIN_DISABILITY_PERCENT,
  REFUGEE_STATUSES,
  SPECIAL_GROUPS,
} from '../../../common/people.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { ConsentChoices } from '../../components/people/ConsentChoices.tsx';
import { LanguagesInput } from '../../components/people/LanguagesInput.tsx';
import { NoticeText } from '../../components/people/NoticeText.tsx';
import { ProvinceDistrict } from '../../components/people/ProvinceDistrict.tsx';
import { countryOptions, useDistricts, useProvinces } from '../../components/people/reference.ts';
import {
  CHANNELS,
  CONSENT_PURPOSES,
  ID_KINDS,
  SHIFTS,
  TARGET_GROUPS,
  type ConsentPurpose,
  type TargetGroup,
} from '../../components/people/types.ts';
import { idNumberHint, type PersonForm } from './personForm.ts';
import { DateField } from '../../components/DateFields.tsx';

const ISCED_LEVELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8'];
const ISCED_FIELDS = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];

export function IdentityFields({
  form,
  withId = true,
  currentMasked,
  own = false,
}: {
  form: PersonForm;
  withId?: boolean;
  /**
   * The person types their own details (public registration): the browser may fill name, phone and e-mail
   * from the device (autocomplete tokens). Staff typing someone else's details get autocomplete off.
   */
  own?: boolean;
  /** When editing: the stored number, masked; an empty field keeps it. */
  currentMasked?: string | null;
}) {
  const { t } = useTranslation();
  const v = form.values;
  // One message at a time: the step's error once it was refused, the live hint before that.
  const hint = form.errors.idNumber ? null : idNumberHint(v.idKind, v.idNumber);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('persons.fields.givenName')}
          required
          autoComplete={own ? 'given-name' : 'off'}
          data-testid="givenName"
          {...form.getInputProps('givenName')}
        />
        <TextInput
          label={t('persons.fields.familyName')}
          required
          autoComplete={own ? 'family-name' : 'off'}
          data-testid="familyName"
          {...form.getInputProps('familyName')}
        />
      </SimpleGrid>
      {withId ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('persons.fields.idKind')}
            data={[
              ...ID_KINDS.map((k) => ({ value: k, label: t(`persons.idKinds.${k}`) })),
              { value: 'none', label: t('persons.idKinds.none') },
            ]}
            value={v.idKind || 'none'}
            onChange={(value) => form.setFieldValue('idKind', value === 'none' || !value ? '' : value)}
            allowDeselect={false}
            data-testid="idKind"
            error={form.errors.idKind}
          />
          {v.idKind ? (
            <TextInput
              label={t('persons.fields.idNumber')}
              required={currentMasked === undefined}
              placeholder={currentMasked ?? undefined}
              autoComplete="off"
              inputMode={v.idKind === 'passport' ? 'text' : 'numeric'}
              classNames={{ input: 'ltr' }}
              description={
                hint ? (
                  <Text component="span" size="xs" c="red.9" data-testid="id-hint">
                    {hint}
                  </Text>
                ) : currentMasked !== undefined ? (
                  t('persons.idHint.keep')
                ) : own ? (
                  t('selfService.fields.idNumberHint')
                ) : (
                  t('persons.idHint.serverDecides')
                )
              }
              data-testid="idNumber"
              {...form.getInputProps('idNumber')}
            />
          ) : null}
          {v.idKind === 'passport' ? (
            <Select
              label={t('persons.fields.passportCountry')}
              data={countryOptions()}
              searchable
              required
              nothingFoundMessage={t('common.noOptions')}
              {...form.getInputProps('passportCountry')}
            />
          ) : null}
        </SimpleGrid>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField
          label={t('persons.fields.birthDate')}
          required
          data-testid="birthDate"
          {...form.getInputProps('birthDate')}
        />
        <Input.Wrapper
          label={t('persons.fields.sex')}
          required
          labelElement="div"
          labelProps={{ id: 'sex-label' }}
          error={form.errors.sex}
        >
          <SegmentedControl
            aria-labelledby="sex-label"
            data={(['female', 'male'] as const).map((s) => ({ value: s, label: t(`persons.sexes.${s}`) }))}
            value={v.sex}
            onChange={(value) => form.setFieldValue('sex', value)}
            fullWidth
            data-testid="sex"
          />
        </Input.Wrapper>
        <Select
          label={t('persons.fields.nationality')}
          data={countryOptions()}
          searchable
          required
          nothingFoundMessage={t('common.noOptions')}
          data-testid="nationality"
          {...form.getInputProps('nationality')}
        />
      </SimpleGrid>
      <LanguagesInput
        own={own}
        value={v.languages}
        onChange={(value) => form.setFieldValue('languages', value)}
        error={form.errors.languages}
      />
    </Stack>
  );
}

export function ContactFields({
  form,
  offices,
  own = false,
}: {
  form: PersonForm;
  /** The person types their own details: see IdentityFields. */
  own?: boolean;
  /** Offices to register the person in, when the user may choose one. */
  offices?: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const v = form.values;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="tel"
          label={t('persons.fields.phone')}
          description={t('persons.phoneHint')}
          autoComplete={own ? 'tel' : 'off'}
          classNames={{ input: 'ltr' }}
          data-testid="phone"
          {...form.getInputProps('phone')}
        />
        <TextInput
          type="email"
          label={t('persons.fields.email')}
          autoComplete={own ? 'email' : 'off'}
          classNames={{ input: 'ltr' }}
          {...form.getInputProps('email')}
        />
      </SimpleGrid>
      <ProvinceDistrict
        province={v.province}
        district={v.district}
        onProvince={(value) => {
          form.setFieldValue('province', value);
          form.setFieldValue('constraintDistricts', []);
        }}
        onDistrict={(value) => form.setFieldValue('district', value)}
        provinceError={form.errors.province}
        districtError={form.errors.district}
      />
      <Textarea
        label={t('persons.fields.address')}
        autoComplete={own ? 'street-address' : 'off'}
        autosize
        minRows={2}
        maxLength={500}
        {...form.getInputProps('address')}
      />
      {offices ? (
        <Select
          label={t('persons.fields.office')}
          data={offices}
          required
          searchable
          {...form.getInputProps('officeId')}
        />
      ) : null}
    </Stack>
  );
}

function GroupDetails({ form, group }: { form: PersonForm; group: TargetGroup }) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const v = form.values;
  switch (group) {
    case 'woman-care':
      return (
        <NumberInput
          label={t('groups.details.childrenUnder6')}
          min={0}
          max={15}
          allowDecimal={false}
          required
          maw={260}
          data-testid="childrenUnder6"
          {...form.getInputProps('childrenUnder6')}
        />
      );
    case 'refugee':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('groups.details.refugeeStatus')}
            data={REFUGEE_STATUSES.map((s) => ({ value: s, label: t(`groups.refugeeStatuses.${s}`) }))}
            required
            data-testid="refugeeStatus"
            {...form.getInputProps('refugeeStatus')}
          />
          <Select
            label={t('groups.details.registrationProvince')}
            description={t('groups.details.registrationProvinceHint')}
            data={(provinces.data ?? []).map((p) => p.name)}
            searchable
            clearable
            required={v.refugeeStatus === 'temporary-protection'}
            nothingFoundMessage={t('common.noOptions')}
            data-testid="registrationProvince"
            {...form.getInputProps('registrationProvince')}
          />
          <DateField
            label={t('groups.details.registrationDate')}
            description={t('groups.details.registrationDateHint')}
            {...form.getInputProps('registrationDate')}
          />
        </SimpleGrid>
      );
    case 'disability':
      return (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('groups.details.reportPercentage')}
              description={t('groups.details.reportPercentageHint', { min: MIN_DISABILITY_PERCENT })}
              min={MIN_DISABILITY_PERCENT}
              max={100}
              suffix="%"
              required
              {...form.getInputProps('reportPercentage')}
            />
            <DateField label={t('groups.details.reportDate')} {...form.getInputProps('reportDate')} />
          </SimpleGrid>
          <Textarea
            label={t('groups.details.accessibilityNeeds')}
            autosize
            minRows={2}
            maxLength={1000}
            {...form.getInputProps('accessibilityNeeds')}
          />
        </Stack>
      );
    case 'informal-worker':
      return (
        <Select
          label={t('groups.details.informalKind')}
          data={INFORMAL_WORK_KINDS.map((k) => ({ value: k, label: t(`groups.informalKinds.${k}`) }))}
          required
          maw={360}
          data-testid="informalKind"
          {...form.getInputProps('informalKind')}
        />
      );
    case 'long-term-unemployed':
      return (
        <NumberInput
          label={t('groups.details.unemployedMonths')}
          description={t('groups.details.unemployedMonthsHint')}
          min={12}
          max={600}
          allowDecimal={false}
          maw={260}
          {...form.getInputProps('unemployedMonths')}
        />
      );
    case 'roma':
      return (
        <Alert color="grape" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('groups.details.romaConsent')}
        </Alert>
      );
    case 'neet':
    case 'social-aid':
      return null;
  }
}

export function GroupsFields({ form, canSpecial }: { form: PersonForm; canSpecial: boolean }) {
  const { t } = useTranslation();
  const chosen = form.values.groups;
  const offered = TARGET_GROUPS.filter(
    (g) => canSpecial || !(SPECIAL_GROUPS as readonly string[]).includes(g) || chosen.includes(g),
  );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('groups.intro')}
      </Text>
      {!canSpecial ? (
        <Text size="sm" c="dimmed">
          {t('groups.specialHidden')}
        </Text>
      ) : null}
      <Stack gap="xs" role="group" aria-label={t('groups.title')}>
        {offered.map((g) => {
          const checked = chosen.includes(g);
          const special = (SPECIAL_GROUPS as readonly string[]).includes(g);
          return (
            <Card key={g} withBorder padding="sm" bg={checked ? 'indigo.0' : undefined}>
              <Stack gap="sm">
                <Checkbox
                  checked={checked}
                  onChange={(e) =>
                    form.setFieldValue(
                      'groups',
                      e.currentTarget.checked ? [...chosen, g] : chosen.filter((x) => x !== g),
                    )
                  }
                  label={t(`groups.names.${g}`)}
                  description={special ? t('groups.specialNote') : t(`groups.hints.${g}`)}
                  data-testid={`group-${g}`}
                />
                {checked ? <GroupDetails form={form} group={g} /> : null}
              </Stack>
            </Card>
          );
        })}
      </Stack>
      {form.errors.groups ? (
        <Text size="sm" c="red.8" role="alert">
          {form.errors.groups}
        </Text>
      ) : null}
    </Stack>
  );
}

export function EducationFields({ form }: { form: PersonForm }) {
  const { t } = useTranslation();
  const v = form.values;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('persons.fields.iscedLevel')}
          data={ISCED_LEVELS.map((l) => ({ value: l, label: t(`pdf.cv.isced.${l}`) }))}
          clearable
          {...form.getInputProps('iscedLevel')}
        />
        <Select
          label={t('persons.fields.iscedField')}
          data={ISCED_FIELDS.map((f) => ({ value: f, label: t(`pdf.cv.fields.${f}`) }))}
          clearable
          searchable
          {...form.getInputProps('iscedField')}
        />
        <NumberInput
          label={t('persons.fields.graduationYear')}
          min={1920}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          {...form.getInputProps('graduationYear')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('persons.fields.iskurRegistered')}
          data={[
            { value: 'yes', label: t('persons.yes') },
            { value: 'no', label: t('persons.no') },
          ]}
          clearable
          placeholder={t('persons.unknown')}
          value={v.iskurRegistered || null}
          onChange={(value) => form.setFieldValue('iskurRegistered', value ?? '')}
        />
        {v.iskurRegistered === 'yes' ? (
          <TextInput
            label={t('persons.fields.iskurNumber')}
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('iskurNumber')}
          />
        ) : null}
      </SimpleGrid>
      <OccupationsInput
        label={t('persons.fields.desiredOccupations')}
        value={v.desiredOccupationCodes}
        onChange={(next) => {
          form.setFieldValue('desiredOccupationCodes', next);
          form.setFieldValue(
            'desiredOccupations',
            next.map((o) => o.title),
          );
        }}
        testId="desiredOccupations"
      />
      <SkillsInput
        label={t('persons.fields.skillIds')}
        value={v.skillIds}
        onChange={(ids) => form.setFieldValue('skillIds', ids)}
        testId="skillIds"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <QualificationsSelect
          list="driving-licences"
          label={t('persons.fields.licences')}
          value={v.licences}
          onChange={(codes) => form.setFieldValue('licences', codes)}
        />
        <QualificationsSelect
          list="certificates"
          label={t('persons.fields.certificates')}
          value={v.certificates}
          onChange={(codes) => form.setFieldValue('certificates', codes)}
        />
      </SimpleGrid>
      <Textarea
        label={t('persons.fields.skills')}
        autosize
        minRows={2}
        maxLength={2000}
        {...form.getInputProps('skills')}
      />
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('persons.fields.workHistory')}
        </Title>
        {v.workHistory.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('persons.workEmpty')}
          </Text>
        ) : null}
        {v.workHistory.map((_, i) => (
          <Card withBorder padding="sm" key={i}>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <OccupationInput
                  label={t('persons.work.occupation')}
                  required
                  title={v.workHistory[i]!.occupation}
                  iscoCode={v.workHistory[i]!.iscoCode ?? null}
                  error={form.errors[`workHistory.${i}.occupation`]}
                  onChange={(title, code) => {
                    form.setFieldValue(`workHistory.${i}.occupation`, title);
                    form.setFieldValue(`workHistory.${i}.iscoCode`, code);
                  }}
                  testId={`work-${i}-occupation`}
                />
                <TextInput label={t('persons.work.employer')} {...form.getInputProps(`workHistory.${i}.employer`)} />
                <DateField label={t('persons.work.startDate')} {...form.getInputProps(`workHistory.${i}.startDate`)} />
                <DateField
                  label={t('persons.work.endDate')}
                  description={t('persons.work.endDateHint')}
                  {...form.getInputProps(`workHistory.${i}.endDate`)}
                />
              </SimpleGrid>
              <Group justify="space-between">
                <Checkbox
                  label={t('persons.work.registered')}
                  {...form.getInputProps(`workHistory.${i}.registered`, { type: 'checkbox' })}
                />
                <Button
                  variant="subtle"
                  color="red.8"
                  size="compact-sm"
                  leftSection={<IconTrash size={14} aria-hidden />}
                  onClick={() => form.removeListItem('workHistory', i)}
                >
                  {t('persons.work.remove')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              form.insertListItem('workHistory', {
                occupation: '',
                employer: '',
                startDate: '',
                endDate: '',
                registered: false,
              })
            }
            disabled={v.workHistory.length >= 30}
          >
            {t('persons.work.add')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

export function ConstraintsFields({
  form,
  own = false,
}: {
  form: PersonForm;
  /** The person describes their own conditions (public registration, own profile): asked of "you", not of "them". */
  own?: boolean;
}) {
  const { t } = useTranslation();
  const v = form.values;
  const districts = useDistricts(v.province);
  const words = own ? 'selfService.constraints' : 'persons.constraints';
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t(`${words}.intro`)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={t(`${words}.hoursPerWeek`)}
          min={1}
          max={45}
          allowDecimal={false}
          // On a phone the person types the number: the tiny up and down arrows are no 44 px target.
          hideControls={own}
          {...form.getInputProps('hoursPerWeek')}
        />
        <NumberInput
          label={t(`${words}.maxCommuteMinutes`)}
          min={5}
          max={240}
          step={5}
          allowDecimal={false}
          hideControls={own}
          {...form.getInputProps('maxCommuteMinutes')}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="shifts-label">
          {t(`${words}.shifts`)}
        </Text>
        <Chip.Group multiple value={v.shifts} onChange={(value) => form.setFieldValue('shifts', value)}>
          <Group gap="xs" role="group" aria-labelledby="shifts-label">
            {SHIFTS.map((s) => (
              <Chip key={s} value={s} variant="outline">
                {t(`persons.shifts.${s}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <MultiSelect
        label={t(`${words}.districts`)}
        description={v.province ? t('persons.constraints.districtsHint', { province: v.province }) : undefined}
        data={districts.data?.items ?? []}
        searchable
        // Each chosen district has its own remove button; the small clear-all one is left to staff.
        clearable={!own}
        disabled={!v.province}
        nothingFoundMessage={t('common.noOptions')}
        {...form.getInputProps('constraintDistricts')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label={t(`${words}.earliestStart`)} {...form.getInputProps('earliestStart')} />
        <Checkbox
          mt={{ base: 0, sm: 'xl' }}
          label={t(`${words}.childcareNeed`)}
          {...form.getInputProps('childcareNeed', { type: 'checkbox' })}
        />
      </SimpleGrid>
    </Stack>
  );
}

export function ConsentFields({
  form,
  organisation,
  office,
  canSpecial,
}: {
  form: PersonForm;
  organisation: string;
  office: string;
  canSpecial: boolean;
}) {
  const { t } = useTranslation();
  const v = form.values;
  const roma = v.groups.includes('roma');
  const liftable = roma || v.groups.includes('disability');
  const purposes = CONSENT_PURPOSES.filter(
    (p) =>
      (p !== 'roma-self-identification' || (roma && canSpecial)) &&
      (p !== 'priority-matching' || (liftable && canSpecial)),
  );
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('persons.notice.title')}
        </Title>
        <Text size="sm">{t('persons.notice.intro')}</Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="notice-locale-label">
            {t('persons.notice.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="notice-locale-label"
            data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            value={v.noticeLocale}
            onChange={(value) => form.setFieldValue('noticeLocale', value)}
            w="fit-content"
          />
        </Stack>
        <NoticeText locale={v.noticeLocale} organisation={organisation} office={office} />
        <Select
          label={t('persons.notice.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`consents.channels.${c}`) }))}
          allowDeselect={false}
          maw={280}
          value={v.noticeChannel}
          onChange={(value) => value && form.setFieldValue('noticeChannel', value)}
          error={form.errors.noticeChannel}
        />
        <Checkbox
          label={t('persons.notice.given')}
          data-testid="notice-given"
          {...form.getInputProps('noticeGiven', { type: 'checkbox' })}
        />
      </Stack>
      <ConsentChoices
        purposes={purposes}
        value={v.consents}
        onChange={(value: ConsentPurpose[]) => form.setFieldValue('consents', value)}
        partner={v.partner}
        onPartner={(value) => form.setFieldValue('partner', value)}
        partnerError={form.errors.partner}
        locale={v.noticeLocale}
        error={form.errors.consents}
        required={roma ? ['roma-self-identification'] : []}
      />
    </Stack>
  );
}

/** A remove button used by lists in the profile. */
export function RemoveIcon({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red.8" onClick={onClick} aria-label={label}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}
