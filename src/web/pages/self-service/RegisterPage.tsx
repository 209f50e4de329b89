import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Stepper,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../common/people.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { getBoardVacancy } from '../../../common/contracts/jobboard.ts';
import { listPublicOrganisations, register, type Registration } from '../../../common/contracts/self-service.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ProblemAlert } from '../../components/problems.tsx';
import { InlineLoader, LoadError, useDocumentTitle } from '../../components/ui.tsx';
import { toProblem } from '../../components/problems.tsx';
import { ConsentChoices } from '../../components/people/ConsentChoices.tsx';
import { DirArrow } from '../../components/people/DirIcon.tsx';
import { focusFirstInvalid } from '../../components/people/focusInvalid.ts';
import { useNestedFormProblem } from '../../components/people/formProblem.ts';
import { NoticeText } from '../../components/people/NoticeText.tsx';
import { ONLINE_CONSENT_PURPOSES } from '../../components/people/types.ts';
import { ConstraintsFields, ContactFields, IdentityFields } from '../persons/PersonFields.tsx';
import {
  constraintsBody,
  contactBody,
  emptyPersonValues,
  identityBody,
  mapPersonPointer,
  validateStep,
  type PersonFormValues,
} from '../persons/personForm.ts';
import { PublicLayout } from './PublicLayout.tsx';

const STEPS = ['office', 'identity', 'contact', 'work', 'consent'] as const;
type Step = (typeof STEPS)[number];

interface Values extends PersonFormValues {
  organisationId: string | null;
}

const STEP_OF_FIELD: Record<string, Step> = {
  organisationId: 'office',
  officeId: 'office',
  givenName: 'identity',
  familyName: 'identity',
  idKind: 'identity',
  idNumber: 'identity',
  passportCountry: 'identity',
  birthDate: 'identity',
  sex: 'identity',
  nationality: 'identity',
  languages: 'identity',
  phone: 'contact',
  email: 'contact',
  address: 'contact',
  province: 'contact',
  district: 'contact',
  desiredOccupations: 'work',
  hoursPerWeek: 'work',
  shifts: 'work',
  constraintDistricts: 'work',
  maxCommuteMinutes: 'work',
  childcareNeed: 'work',
  earliestStart: 'work',
  noticeGiven: 'consent',
  noticeChannel: 'consent',
  consents: 'consent',
  partner: 'consent',
};

/**
 * The vacancy "Apply" came from on the public board (/register?vacancy=<id>): the page sends its public id
 * only; the server finds the organisation that handles it when the registration arrives. `registerWith` is
 * that organisation as the form's list names it: the form pre-selects it, and says when another is chosen.
 */
/** What the done page says of the vacancy: sent with the registration, or not, and why. */
interface DoneVacancy {
  title: string;
  /** Registered with the vacancy's organisation: the application waits for the counsellor. */
  passedOn: boolean;
  /** The organisation handling the vacancy, when the registration form lists it. */
  handledBy: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function vacancyFromAddress(): string | null {
  const id = new URLSearchParams(window.location.search).get('vacancy');
  return id && UUID.test(id) ? id : null;
}

function Done({ office, vacancy }: { office: string; vacancy: DoneVacancy | null }) {
  const { t } = useTranslation();
  useDocumentTitle(t('selfService.done.title'));
  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md" data-testid="registration-done">
      <Stack align="flex-start">
        <IconCircleCheck size={48} color="var(--mantine-color-teal-8)" aria-hidden />
        <Title order={1} size="h2">
          {t('selfService.done.title')}
        </Title>
        <Text>{t('selfService.done.text', { office })}</Text>
        {vacancy?.passedOn ? (
          <Text data-testid="registration-done-vacancy">{t('selfService.vacancy.done', { title: vacancy.title })}</Text>
        ) : vacancy ? (
          <Alert variant="light" color="yellow" data-testid="registration-done-vacancy">
            {vacancy.handledBy
              ? t('selfService.vacancy.notPassedOn', { title: vacancy.title, organisation: vacancy.handledBy, office })
              : t('selfService.vacancy.notPassedOnOther', { title: vacancy.title, office })}
          </Alert>
        ) : null}
        <Text>{t('selfService.done.next')}</Text>
        <Text size="sm" c="dimmed">
          {t('selfService.done.already')}
        </Text>
      </Stack>
    </Paper>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  useDocumentTitle(t('selfService.title'));
  const [active, setActive] = useState(0);
  const registering = useOpMutation(register);
  const [done, setDone] = useState<{ office: string; vacancy: DoneVacancy | null } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const organisations = useOp(listPublicOrganisations, undefined);
  // "Apply" on a board vacancy: the registration goes to that vacancy's organisation and carries the vacancy.
  const [vacancyId] = useState(vacancyFromAddress);
  const applied = useOp(
    getBoardVacancy,
    { params: { id: vacancyId ?? '' } },
    { enabled: vacancyId !== null, retry: false },
  );
  const vacancy = applied.data ?? null;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { ...emptyPersonValues(currentLocale()), idKind: '', organisationId: null },
  });
  const mapPointer = useCallback(
    (pointer: string) =>
      pointer.startsWith('/officeId')
        ? 'officeId'
        : pointer.startsWith('/notice')
          ? 'noticeGiven'
          : mapPersonPointer(pointer, { groups: [], work: [] }, false),
    [],
  );
  const { problem, handle, clear } = useNestedFormProblem(form, mapPointer);

  const orgs = organisations.data?.items ?? [];
  const organisation =
    orgs.find((o) => o.id === form.values.organisationId) ?? (orgs.length === 1 ? orgs[0] : undefined);
  // The organisation handling the vacancy, chosen for the person once (they may still choose another: the
  // registration is then made without the application, and the form and the done page say so).
  const vacancyOrganisation = vacancy ? orgs.find((o) => o.id === vacancy.registerWith) : undefined;
  const preselected = useRef(false);
  useEffect(() => {
    if (preselected.current || !vacancyOrganisation) return;
    preselected.current = true;
    if (form.values.organisationId === null) form.setFieldValue('organisationId', vacancyOrganisation.id);
  }, [vacancyOrganisation, form]);
  const elsewhere = vacancy !== null && organisation !== undefined && organisation.id !== vacancy.registerWith;
  const office = organisation?.offices.find((o) => o.id === form.values.officeId);
  const officeOptions = useMemo(
    () =>
      (organisation?.offices ?? []).map((o) => ({
        value: o.id,
        label: t('selfService.officeOption', { name: o.name, district: o.district, province: o.province }),
      })),
    [organisation, t],
  );

  function go(step: number) {
    setActive(step);
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function check(step: Step): boolean {
    const v = form.values;
    let errors: Record<string, string> = {};
    switch (step) {
      case 'office':
        if (!organisation) errors.organisationId = t('errors.validation.required');
        if (!v.officeId) errors.officeId = t('errors.validation.required');
        break;
      case 'identity':
        errors = validateStep('identity', v, { requireNotice: false });
        break;
      case 'contact':
        errors = validateStep('contact', v, { requireNotice: false });
        if (!v.phone.trim() && !v.email.trim()) errors.phone = t('errors.selfService.contactRequired');
        break;
      case 'work':
        break;
      case 'consent':
        errors = validateStep('consent', v, { requireNotice: true });
        if (!v.noticeGiven) errors.noticeGiven = t('selfService.noticeRequired');
        break;
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors({ ...form.errors, ...errors });
      focusFirstInvalid();
      return false;
    }
    return true;
  }

  async function submit() {
    clear();
    for (let i = 0; i < STEPS.length; i++) {
      if (!check(STEPS[i]!)) {
        go(i);
        return;
      }
    }
    const v = form.values;
    const locale = currentLocale();
    const { sex, ...identity } = identityBody(v);
    const body = {
      ...identity,
      sex,
      ...contactBody(v),
      desiredOccupations: v.desiredOccupations.map((o) => o.trim()).filter(Boolean),
      ...constraintsBody(v),
      locale,
      officeId: v.officeId,
      ...(vacancy ? { vacancyId: vacancy.id } : {}),
      notice: { version: NOTICE_VERSION, locale },
      consents: v.consents.map((purpose) => ({
        purpose,
        partner: purpose === 'share-with-partners' ? v.partner.trim() : null,
        textVersion: CONSENT_TEXT_VERSION,
      })),
    };
    try {
      // The form's own checks (validateStep) ran; the server checks the body against the contract again.
      await registering.mutateAsync({ body: body as Registration });
      setDone({
        office: office?.name ?? '',
        vacancy: vacancy
          ? { title: vacancy.title, passedOn: !elsewhere, handledBy: vacancyOrganisation?.name ?? null }
          : null,
      });
      window.scrollTo({ top: 0 });
    } catch (err) {
      const paths = handle(err);
      const steps = paths.map((p) => STEPS.indexOf(STEP_OF_FIELD[p.split('.')[0] ?? ''] ?? 'consent'));
      if (steps.length > 0) go(Math.min(...steps));
    }
  }

  if (done !== null) {
    return (
      <PublicLayout>
        <Done office={done.office} vacancy={done.vacancy} />
      </PublicLayout>
    );
  }

  const step = STEPS[active]!;
  const last = active === STEPS.length - 1;
  let content;
  switch (step) {
    case 'office':
      content = organisations.isPending ? (
        <InlineLoader />
      ) : organisations.error ? (
        <LoadError problem={toProblem(organisations.error)} onRetry={() => void organisations.refetch()} />
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('selfService.officeText')}</Text>
          {orgs.length > 1 ? (
            <Select
              label={t('selfService.organisation')}
              data={orgs.map((o) => ({ value: o.id, label: o.name }))}
              required
              data-testid="reg-organisation"
              {...form.getInputProps('organisationId')}
              onChange={(value: string | null) => {
                form.setFieldValue('organisationId', value);
                form.setFieldValue('officeId', null);
              }}
            />
          ) : null}
          <Select
            label={t('selfService.office')}
            description={t('selfService.officeHint')}
            data={officeOptions}
            required
            searchable
            disabled={!organisation}
            nothingFoundMessage={t('common.noOptions')}
            data-testid="reg-office"
            {...form.getInputProps('officeId')}
          />
          {elsewhere && vacancy && vacancyOrganisation ? (
            <Alert variant="light" color="yellow" data-testid="reg-vacancy-elsewhere">
              {t('selfService.vacancy.elsewhere', { title: vacancy.title, organisation: vacancyOrganisation.name })}
            </Alert>
          ) : null}
        </Stack>
      );
      break;
    case 'identity':
      content = (
        <Stack gap="md">
          <Text size="sm">{t('selfService.identityText')}</Text>
          <IdentityFields form={form} own />
        </Stack>
      );
      break;
    case 'contact':
      content = (
        <Stack gap="md">
          <Text size="sm">{t('selfService.contactText')}</Text>
          <ContactFields form={form} own />
        </Stack>
      );
      break;
    case 'work':
      content = (
        <Stack gap="md">
          <TagsInput
            label={t('selfService.desiredWork')}
            description={t('persons.occupationsHint')}
            maxTags={10}
            data-testid="reg-occupations"
            {...form.getInputProps('desiredOccupations')}
          />
          <ConstraintsFields form={form} own />
        </Stack>
      );
      break;
    case 'consent':
      content = (
        <Stack gap="lg">
          <Text size="sm">{t('selfService.noticeIntro')}</Text>
          <NoticeText
            locale={currentLocale()}
            organisation={organisation?.name ?? ''}
            office={office?.name ?? ''}
            full
          />
          <Checkbox
            label={t('selfService.noticeRead')}
            data-testid="reg-notice"
            {...form.getInputProps('noticeGiven', { type: 'checkbox' })}
          />
          <ConsentChoices
            purposes={ONLINE_CONSENT_PURPOSES}
            value={form.values.consents}
            onChange={(value) => form.setFieldValue('consents', value)}
            partner={form.values.partner}
            onPartner={(value) => form.setFieldValue('partner', value)}
            partnerError={form.errors.partner}
            locale={currentLocale()}
            error={form.errors.consents}
            forPerson
          />
          <Alert variant="light" color="indigo">
            {t('selfService.specialNote')}
          </Alert>
        </Stack>
      );
      break;
  }

  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('selfService.title')}
          </Title>
          <Text c="dimmed">{t('selfService.intro')}</Text>
        </Stack>
        {vacancy ? (
          <Alert variant="light" color="teal" data-testid="reg-vacancy">
            {t('selfService.vacancy.applying', { title: vacancy.title, employer: vacancy.employer.name })}
          </Alert>
        ) : applied.isError ? (
          <Alert variant="light" color="yellow" data-testid="reg-vacancy-closed">
            {t('selfService.vacancy.closed')}
          </Alert>
        ) : null}
        <Stepper
          active={active}
          size="sm"
          allowNextStepsSelect={false}
          iconSize={narrow ? 26 : 32}
          aria-label={t('persons.steps.label')}
        >
          {STEPS.map((s) => (
            <Stepper.Step key={s} label={narrow ? undefined : t(`selfService.steps.${s}`)} />
          ))}
        </Stepper>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            clear();
            if (last) void submit();
            else if (check(step)) go(active + 1);
          }}
        >
          <Card withBorder padding={narrow ? 'md' : 'lg'} radius="md">
            <Stack gap="md">
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('persons.steps.counter', { n: active + 1, total: STEPS.length })}
                </Text>
                <Title order={2} size="h3" ref={headingRef} tabIndex={-1} data-testid="reg-step-title">
                  {t(`selfService.steps.${step}`)}
                </Title>
              </Stack>
              <ProblemAlert problem={problem} />
              {content}
              <Group justify="space-between" mt="md">
                {active > 0 ? (
                  <Button variant="default" leftSection={<DirArrow to="back" />} onClick={() => go(active - 1)}>
                    {t('persons.steps.back')}
                  </Button>
                ) : (
                  <span />
                )}
                {last ? (
                  <Button
                    type="submit"
                    loading={registering.isPending}
                    leftSection={<IconSend size={16} aria-hidden />}
                    data-testid="reg-submit"
                  >
                    {t('selfService.submit')}
                  </Button>
                ) : (
                  <Button type="submit" rightSection={<DirArrow to="next" />} data-testid="reg-next">
                    {t('persons.steps.next')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Card>
        </form>
      </Stack>
    </PublicLayout>
  );
}
