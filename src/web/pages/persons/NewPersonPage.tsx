import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Card, Group, List, Modal, Stack, Stepper, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useCan, useCurrentUser } from '../../api/session.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatDate, listSeparator } from '../../components/format.ts';
import { ProblemAlert } from '../../components/problems.tsx';
import { notifySuccess } from '../../components/people/notify.ts';
import { PageHeader } from '../../components/ui.tsx';
import { DirArrow } from '../../components/people/DirIcon.tsx';
import { focusFirstInvalid } from '../../components/people/focusInvalid.ts';
import { useNestedFormProblem } from '../../components/people/formProblem.ts';
import { fullName } from '../../components/people/format.ts';
import type { Duplicates } from '../../components/people/types.ts';
import { useOffices } from '../admin/useReferenceLists.ts';
import {
  ConsentFields,
  ConstraintsFields,
  ContactFields,
  EducationFields,
  GroupsFields,
  IdentityFields,
} from './PersonFields.tsx';
import {
  createBody,
  emptyPersonValues,
  bodyMap,
  mapPersonPointer,
  stepOfPath,
  STEPS,
  validateStep,
  type PersonFormValues,
} from './personForm.ts';
import { useOpMutation } from '../../api/ops.ts';
import { checkDuplicates, createPerson, type PersonCreate } from '../../../common/contracts/people.ts';

/** The likely-duplicate dialog: who looks like this person and why; the counsellor decides. */
function DuplicateDialog({
  found,
  busy,
  onSomeoneElse,
  onFixId,
  onClose,
}: {
  found: Duplicates | null;
  busy: boolean;
  onSomeoneElse: () => void;
  onFixId: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={found !== null}
      onClose={onClose}
      title={found?.sameIdNumber ? t('persons.duplicates.idTitle') : t('persons.duplicates.title')}
      size="lg"
    >
      {found ? (
        <Stack data-testid="duplicate-dialog">
          <Text>{found.sameIdNumber ? t('persons.duplicates.idText') : t('persons.duplicates.text')}</Text>
          {found.candidates.length > 0 ? (
            <List spacing="sm" listStyleType="none" p={0}>
              {found.candidates.map((c, i) => (
                <List.Item key={c.id}>
                  <Card withBorder padding="sm">
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/persons/${c.id}`} target="_blank" fw={600}>
                        {fullName(c)}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {t('persons.duplicates.candidate', {
                          birthDate: formatDate(c.birthDate),
                          district: c.district,
                        })}
                        {c.idNumberMasked ? ' · ' : ''}
                        {c.idNumberMasked ? <span className="ltr">{c.idNumberMasked}</span> : null}
                      </Text>
                      <Text size="sm">
                        {t('persons.duplicates.because', {
                          reasons: c.reasons.map((r) => t(`persons.duplicates.reasons.${r}`, r)).join(listSeparator()),
                        })}
                      </Text>
                      {/* The safe way out, and so the primary action: use the record that exists. */}
                      <Group mt={4}>
                        <Button
                          component={Link}
                          to={`/persons/${c.id}`}
                          variant="filled"
                          size="sm"
                          data-autofocus={i === 0 ? true : undefined}
                          data-testid="duplicate-open"
                          aria-label={`${t('persons.duplicates.open')}: ${fullName(c)}`}
                        >
                          {t('persons.duplicates.open')}
                        </Button>
                      </Group>
                    </Stack>
                  </Card>
                </List.Item>
              ))}
            </List>
          ) : null}
          {found.elsewhere.length > 0 ? (
            <Stack gap="xs" data-testid="duplicates-elsewhere">
              <Text size="sm">{t('persons.duplicates.elsewhereText')}</Text>
              <List spacing="xs">
                {found.elsewhere.map((e) => (
                  <List.Item key={e.office.id}>
                    <Text size="sm" fw={600} span>
                      {e.office.name}
                    </Text>
                    {e.office.phone ? (
                      <Text size="sm" span className="ltr">
                        {' · '}
                        {e.office.phone}
                      </Text>
                    ) : null}
                    <Text size="sm" c="dimmed">
                      {t('persons.duplicates.because', {
                        reasons: e.reasons.map((r) => t(`persons.duplicates.reasons.${r}`, r)).join(listSeparator()),
                      })}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          <Group justify="flex-end" wrap="wrap">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            {found.sameIdNumber ? (
              <Button variant={found.candidates.length > 0 ? 'default' : 'filled'} onClick={onFixId}>
                {t('persons.duplicates.fixId')}
              </Button>
            ) : (
              <Button variant="default" onClick={onSomeoneElse} loading={busy} data-testid="someone-else">
                {t('persons.duplicates.someoneElse')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

export function NewPersonPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const narrow = useMediaQuery('(max-width: 48em)');
  const canSpecial = can('special-category:read');
  const officeShown = !me.office || can('offices:all');
  // Loaded for everyone: the office's province is the likeliest home province, so it is filled in.
  const offices = useOffices();
  const [active, setActive] = useState(0);
  const [reached, setReached] = useState(0);
  const creating = useOpMutation(createPerson, { invalidates: [['persons']] });
  const checking = useOpMutation(checkDuplicates);
  const busy = creating.isPending || checking.isPending;
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const [notDuplicateOf, setNotDuplicateOf] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: { ...emptyPersonValues(currentLocale()), officeId: me.office?.id ?? null },
  });
  const mapPointer = (pointer: string) => mapPersonPointer(pointer, bodyMap(form.values), officeShown);
  const { problem, handle, clear } = useNestedFormProblem(form, mapPointer);

  const officeOptions = useMemo(
    () => (offices.data?.items ?? []).filter((o) => o.active).map((o) => ({ value: o.id, label: o.name })),
    [offices.data],
  );
  const chosenOffice = (offices.data?.items ?? []).find((o) => o.id === form.values.officeId);
  const officeName = chosenOffice?.name ?? me.office?.name ?? '';

  // The province starts as the office's (most people register where they live); the counsellor can change it.
  const officeProvince = chosenOffice?.province ?? '';
  useEffect(() => {
    if (officeProvince && !form.values.province) form.setFieldValue('province', officeProvince);
    // Only when the office (or its list) changes: a province the counsellor cleared stays cleared until then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [officeProvince]);

  function go(step: number) {
    setActive(step);
    setReached((r) => Math.max(r, step));
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function check(step: number): boolean {
    const errors = validateStep(STEPS[step]!, form.values, { requireNotice: true });
    if (Object.keys(errors).length > 0) {
      form.setErrors({ ...form.errors, ...errors });
      focusFirstInvalid();
      return false;
    }
    return true;
  }

  function next() {
    clear();
    if (check(active)) go(active + 1);
  }

  async function save(confirmNotDuplicate: boolean) {
    clear();
    const officeId = officeShown ? form.values.officeId : null;
    const { body } = createBody(form.values, officeId, confirmNotDuplicate);
    try {
      // The steps' own checks ran (validateStep); the server checks the body against the contract again.
      const person = await creating.mutateAsync({ body: body as PersonCreate });
      notifySuccess(t('persons.created', { name: fullName(person) }));
      void navigate(`/persons/${person.id}`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'errors.persons.likelyDuplicate') {
        await lookForDuplicates();
        return;
      }
      const paths = handle(err);
      const steps = paths.map(stepOfPath).filter((s) => s >= 0);
      if (steps.length > 0) go(Math.min(...steps));
    }
  }

  async function lookForDuplicates(): Promise<boolean> {
    const v = form.values;
    const { body } = createBody(v, null, false);
    const found = await checking.mutateAsync({
      body: {
        givenName: body.givenName,
        familyName: body.familyName,
        birthDate: body.birthDate,
        phone: body.phone,
        idKind: body.idKind,
        idNumber: body.idNumber,
      },
    });
    if (found.sameIdNumber || found.candidates.length > 0 || found.elsewhere.length > 0) {
      setDuplicates(found);
      return true;
    }
    return false;
  }

  /** What the duplicate check looks at: once the counsellor said "someone else" for it, it is not asked again. */
  const duplicateKey = () => {
    const v = form.values;
    return JSON.stringify([v.givenName.trim(), v.familyName.trim(), v.birthDate, v.phone.trim()]);
  };

  async function finish() {
    clear();
    for (let step = 0; step < STEPS.length; step++) {
      if (!check(step)) {
        go(step);
        return;
      }
    }
    if (notDuplicateOf === duplicateKey()) {
      await save(true);
      return;
    }
    try {
      if (await lookForDuplicates()) return;
    } catch (err) {
      const paths = handle(err);
      const steps = paths.map(stepOfPath).filter((s) => s >= 0);
      if (steps.length > 0) go(Math.min(...steps));
      return;
    }
    await save(false);
  }

  const step = STEPS[active]!;
  const last = active === STEPS.length - 1;
  let content;
  switch (step) {
    case 'identity':
      content = <IdentityFields form={form} />;
      break;
    case 'contact':
      content = <ContactFields form={form} offices={officeShown ? officeOptions : undefined} />;
      break;
    case 'groups':
      content = <GroupsFields form={form} canSpecial={canSpecial} />;
      break;
    case 'education':
      content = <EducationFields form={form} />;
      break;
    case 'constraints':
      content = <ConstraintsFields form={form} />;
      break;
    case 'consent':
      content = (
        <ConsentFields form={form} organisation={me.organisation.name} office={officeName} canSpecial={canSpecial} />
      );
      break;
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('persons.newTitle')} description={t('persons.newDescription')} />
      <Stepper
        active={active}
        onStepClick={(s) => (s <= reached ? go(s) : undefined)}
        allowNextStepsSelect={false}
        size="sm"
        iconSize={narrow ? 28 : 34}
        aria-label={t('persons.steps.label')}
      >
        {STEPS.map((s, i) => (
          <Stepper.Step
            key={s}
            label={narrow ? undefined : t(`persons.steps.short.${s}`)}
            aria-label={t('persons.steps.stepOf', { n: i + 1, total: STEPS.length, name: t(`persons.steps.${s}`) })}
            allowStepSelect={i <= reached}
          />
        ))}
      </Stepper>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (last) void finish();
          else next();
        }}
      >
        <Card withBorder padding={narrow ? 'md' : 'lg'}>
          <Stack gap="md">
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('persons.steps.counter', { n: active + 1, total: STEPS.length })}
              </Text>
              <Title order={2} size="h3" ref={headingRef} tabIndex={-1} data-testid="step-title">
                {t(`persons.steps.${step}`)}
              </Title>
            </Stack>
            <ProblemAlert problem={problem} />
            {content}
            <Group justify="space-between" mt="md">
              {active > 0 ? (
                <Button
                  variant="default"
                  leftSection={<DirArrow to="back" />}
                  onClick={() => go(active - 1)}
                  data-testid="step-back"
                >
                  {t('persons.steps.back')}
                </Button>
              ) : (
                <Button variant="default" component={Link} to="/persons">
                  {t('common.cancel')}
                </Button>
              )}
              {last ? (
                <Button
                  type="submit"
                  loading={busy}
                  leftSection={<IconCheck size={16} aria-hidden />}
                  data-testid="person-save"
                >
                  {t('persons.save')}
                </Button>
              ) : (
                <Button type="submit" rightSection={<DirArrow to="next" />} data-testid="step-next">
                  {t('persons.steps.next')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      </form>
      <DuplicateDialog
        found={duplicates}
        busy={busy}
        onClose={() => setDuplicates(null)}
        onFixId={() => {
          setDuplicates(null);
          form.setFieldError('idNumber', t('errors.persons.idNumberTaken'));
          go(0);
        }}
        onSomeoneElse={() => {
          setDuplicates(null);
          setNotDuplicateOf(duplicateKey());
          void save(true);
        }}
      />
    </Stack>
  );
}
