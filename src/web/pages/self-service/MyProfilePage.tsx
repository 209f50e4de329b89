import { useCallback, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, TagsInput, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CONSENT_TEXT_VERSION, type ConsentPurpose, type OnlineConsentPurpose } from '../../../common/people.ts';
import { ApiError } from '../../api/client.ts';
import { callOp, opKey, useOp, useOpMutation } from '../../api/ops.ts';
import {
  getOwnProfile,
  grantOwnConsent,
  updateOwnProfile,
  withdrawOwnConsent,
  type OwnConsentRecord,
  type ProfilePatch,
} from '../../../common/contracts/self-service.ts';
import { useCurrentUser } from '../../api/session.ts';
import type { Me } from '../../../common/contracts/identity.ts';
import { useSignOut } from '../../app/signOut.ts';
import { currentLocale } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatList, formatNumber, listSeparator } from '../../components/format.ts';
import { ProblemAlert, toProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { ConfirmDialog, Empty, InlineLoader, LoadError, useDocumentTitle } from '../../components/ui.tsx';
import { CaseStatusBadge } from '../../components/people/badges.tsx';
import { ConsentChoices } from '../../components/people/ConsentChoices.tsx';
import { useNestedFormProblem } from '../../components/people/formProblem.ts';
import { languageName } from '../../components/people/format.ts';
import { InfoList } from '../../components/people/InfoList.tsx';
import { LanguagesInput } from '../../components/people/LanguagesInput.tsx';
import { ONLINE_CONSENT_PURPOSES, type OwnProfile } from '../../components/people/types.ts';
import { ConstraintsFields, ContactFields } from '../persons/PersonFields.tsx';
import { OwnCoursesSection } from '../courses/OwnCoursesSection.tsx';
import { OwnApplicationsSection, OwnAppointmentsSection } from './OwnActivitySections.tsx';
import { MyDataSection } from '../dataprotection/MyDataSection.tsx';
import {
  constraintsBody,
  contactBody,
  mapPersonPointer,
  personToValues,
  validateStep,
  type PersonFormValues,
} from '../persons/personForm.ts';

const KEY = opKey(getOwnProfile);

function EditProfile({ profile, onClose }: { profile: OwnProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const client = useQueryClient();
  const updating = useOpMutation(updateOwnProfile);
  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: personToValues({ ...profile, targetGroups: [], case: null, anonymised: false }, currentLocale()),
  });
  const mapPointer = useCallback((p: string) => mapPersonPointer(p, { groups: [], work: [] }, false), []);
  const { problem, handle, clear } = useNestedFormProblem(form, mapPointer);
  const submit = form.onSubmit(async (v) => {
    clear();
    const errors = validateStep('contact', v, { requireNotice: false });
    if (!v.phone.trim() && !v.email.trim()) errors.phone = t('errors.selfService.contactRequired');
    if (v.languages.some((l) => !l.code)) errors.languages = t('persons.languageMissing');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    try {
      const updated = await updating.mutateAsync({
        body: {
          ...contactBody(v),
          // Levels come from the CEFR select (LanguagesInput); the server checks them again.
          languages: v.languages.filter((l) => l.code) as ProfilePatch['languages'],
          desiredOccupations: v.desiredOccupations.map((o) => o.trim()).filter(Boolean),
          skills: v.skills.trim() || null,
          ...constraintsBody(v),
        },
      });
      client.setQueryData(KEY, updated);
      notifySuccess(t('common.saved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('selfService.me.edit')} size="xl" fullScreen={narrow}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('selfService.me.editText')}
          </Text>
          <ProblemAlert problem={problem} />
          <ContactFields form={form} />
          <LanguagesInput
            own
            value={form.values.languages}
            onChange={(value) => form.setFieldValue('languages', value)}
            error={form.errors.languages}
          />
          <TagsInput
            label={t('selfService.desiredWork')}
            description={t('persons.occupationsHint')}
            maxTags={10}
            clearable
            {...form.getInputProps('desiredOccupations')}
          />
          <Textarea
            label={t('persons.fields.skills')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('skills')}
          />
          <ConstraintsFields form={form} own />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={updating.isPending} data-testid="me-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function GiveConsent({ active, onClose }: { active: OwnConsentRecord[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<ConsentPurpose[]>([]);
  const [partner, setPartner] = useState('');
  const offered = ONLINE_CONSENT_PURPOSES.filter(
    (p) => p === 'share-with-partners' || !active.some((c) => c.purpose === p),
  );
  // One consent per purpose chosen, one after the other; the profile is read again either way (some may
  // have been recorded before one failed).
  const granting = useMutation({
    mutationFn: async (purposes: ConsentPurpose[]) => {
      for (const purpose of purposes) {
        await callOp(grantOwnConsent, {
          body: {
            // ConsentChoices offers the online purposes only (`offered` above).
            purpose: purpose as OnlineConsentPurpose,
            partner: purpose === 'share-with-partners' ? partner.trim() : null,
            textVersion: CONSENT_TEXT_VERSION,
          },
        });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
    onSuccess: () => {
      notifySuccess(t('consents.recorded'));
      onClose();
    },
  });
  const problem = granting.error ? toProblem(granting.error) : null;
  function save() {
    granting.mutate(chosen);
  }
  return (
    <Modal opened onClose={onClose} title={t('selfService.me.giveConsent')} size="lg">
      <Stack>
        <ProblemAlert problem={problem} />
        <ConsentChoices
          purposes={offered}
          value={chosen}
          onChange={setChosen}
          partner={partner}
          onPartner={setPartner}
          locale={currentLocale()}
          forPerson
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={save}
            loading={granting.isPending}
            disabled={chosen.length === 0 || (chosen.includes('share-with-partners') && !partner.trim())}
          >
            {t('selfService.me.giveButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Profile({ profile, me }: { profile: OwnProfile; me: Me }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const [editing, setEditing] = useState(false);
  const [giving, setGiving] = useState(false);
  const [withdrawing, setWithdrawing] = useState<OwnConsentRecord | null>(null);
  const active = profile.consents.filter((c) => c.active);
  const c = profile.constraints;
  const withdrawal = useOpMutation(withdrawOwnConsent, {
    invalidates: [KEY],
    onSuccess: () => {
      notifySuccess(t('consents.withdrawn'));
      setWithdrawing(null);
    },
    onError: notifyProblem,
  });

  function withdraw() {
    if (!withdrawing) return;
    withdrawal.mutate({ params: { id: withdrawing.id } });
  }

  return (
    <Stack maw={880} mx="auto" gap="md" py="md">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('selfService.me.title', { name: profile.givenName })}
        </Title>
        <Group gap="xs">
          <Text c="dimmed">
            {t('selfService.me.office', { office: profile.office.name, organisation: me.organisation.name })}
          </Text>
          {profile.registration === 'pending' ? (
            <Badge color="orange.2" c="dark.9" variant="filled">
              {t('selfService.me.pending')}
            </Badge>
          ) : null}
        </Group>
      </Stack>
      {profile.registration === 'pending' ? (
        <Card withBorder padding="md" bg="orange.0">
          <Text size="sm">{t('selfService.me.pendingText')}</Text>
        </Card>
      ) : profile.case ? (
        <Card withBorder padding="md">
          <Group gap="xs">
            <CaseStatusBadge status={profile.case.status} />
            <Text size="sm">
              {profile.case.counsellor
                ? t('selfService.me.counsellor', { name: profile.case.counsellor.name })
                : t('selfService.me.noCounsellor')}
            </Text>
          </Group>
        </Card>
      ) : null}
      <Card withBorder padding="md" component="section" aria-labelledby="me-details">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="me-details">
              {t('selfService.me.details')}
            </Title>
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => setEditing(true)}
              data-testid="me-edit"
            >
              {t('selfService.me.edit')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <InfoList
              items={[
                {
                  label: t('persons.columns.name'),
                  value: `${profile.givenName} ${profile.familyName}`,
                  testId: 'portal-name',
                },
                { label: t('persons.fields.birthDate'), value: formatDate(profile.birthDate) },
                { label: t('persons.fields.idNumber'), value: profile.idNumberMasked, ltr: true },
                { label: t('persons.fields.phone'), value: profile.phone, ltr: true, testId: 'me-phone' },
                { label: t('persons.fields.email'), value: profile.email, ltr: true },
                { label: t('persons.fields.address'), value: profile.address },
                { label: t('persons.fields.district'), value: `${profile.district}, ${profile.province}` },
              ]}
            />
            <InfoList
              items={[
                {
                  label: t('persons.fields.languages'),
                  value: profile.languages.length
                    ? formatList(
                        profile.languages.map((l) => `${languageName(l.code)} (${t(`pdf.cv.levels.${l.level}`)})`),
                      )
                    : null,
                },
                { label: t('selfService.desiredWork'), value: profile.desiredOccupations.join(listSeparator()) },
                { label: t('persons.fields.skills'), value: profile.skills },
                {
                  label: t('persons.constraints.hoursPerWeek'),
                  value: c?.hoursPerWeek ? formatNumber(c.hoursPerWeek) : null,
                },
                {
                  label: t('persons.constraints.shifts'),
                  value: c?.shifts.length ? formatList(c.shifts.map((s) => t(`persons.shifts.${s}`))) : null,
                },
                {
                  label: t('persons.constraints.childcareNeed'),
                  value: c ? (c.childcareNeed ? t('persons.yes') : t('persons.no')) : null,
                },
              ]}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('selfService.me.counsellorChanges')}
          </Text>
        </Stack>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="me-consents">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="me-consents">
              {t('selfService.me.consents')}
            </Title>
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setGiving(true)}
            >
              {t('selfService.me.giveConsent')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('selfService.me.consentsText')}
          </Text>
          {profile.consents.length === 0 ? (
            <Text size="sm">{t('consents.none')}</Text>
          ) : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {profile.consents.map((x) => (
                <Card component="li" key={x.id} withBorder padding="sm">
                  <Group justify="space-between" wrap="wrap">
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {t(`consents.purposes.${x.purpose}`)}
                        {x.partner ? ` (${x.partner})` : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {x.active
                          ? t('selfService.me.givenOn', { date: formatDateTime(x.grantedAt) })
                          : t('selfService.me.withdrawnOn', { date: formatDateTime(x.withdrawnAt) })}
                      </Text>
                    </Stack>
                    {x.active ? (
                      <Button variant="subtle" color="red.8" size="compact-sm" onClick={() => setWithdrawing(x)}>
                        {t('consents.withdraw')}
                      </Button>
                    ) : (
                      <Badge color="gray.7" variant="outline">
                        {t('consents.withdrawnBadge')}
                      </Badge>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )}
          {profile.notices.length > 0 ? (
            <Text size="xs" c="dimmed">
              {t('selfService.me.noticeOn', {
                date: formatDateTime(profile.notices[profile.notices.length - 1]!.acknowledgedAt),
              })}
            </Text>
          ) : null}
        </Stack>
      </Card>
      <OwnApplicationsSection />
      <OwnAppointmentsSection />
      <MyDataSection />
      <Group>
        <Button variant="default" onClick={() => void signOut()}>
          {t('auth.signOut')}
        </Button>
      </Group>
      {editing ? <EditProfile profile={profile} onClose={() => setEditing(false)} /> : null}
      <OwnCoursesSection />
      {giving ? <GiveConsent active={active} onClose={() => setGiving(false)} /> : null}
      <ConfirmDialog
        opened={withdrawing !== null}
        title={t('consents.withdrawTitle')}
        message={t('selfService.me.withdrawConfirm', {
          purpose: withdrawing ? t(`consents.purposes.${withdrawing.purpose}`) : '',
        })}
        confirmLabel={t('consents.withdraw')}
        danger
        loading={withdrawal.isPending}
        onConfirm={withdraw}
        onCancel={() => setWithdrawing(null)}
      />
    </Stack>
  );
}

/** The job seeker's own page: their record, what they may change themselves, and their consents. */
export function MyProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('selfService.me.pageTitle'));
  const profile = useOp(getOwnProfile, undefined);
  if (profile.isPending) return <InlineLoader />;
  if (profile.error) {
    if (profile.error instanceof ApiError && profile.error.status === 404)
      return <Empty title={t('selfService.me.noProfile')} description={profile.error.problem.detail} />;
    return <LoadError problem={toProblem(profile.error)} onRetry={() => void profile.refetch()} />;
  }
  return <Profile profile={profile.data} me={me} />;
}
