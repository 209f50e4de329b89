import { useState } from 'react';
import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEye, IconEyeOff, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../api/session.ts';
import { formatDate, formatList, formatNumber } from '../../../components/format.ts';
import { ProblemAlert, useFormProblem } from '../../../components/problems.tsx';
import { countryName, languageName } from '../../../components/people/format.ts';
import { InfoList } from '../../../components/people/InfoList.tsx';
import type { Person } from '../../../components/people/types.ts';
import { EditSection, type Section } from './EditSection.tsx';
import { useOpMutation } from '../../../api/ops.ts';
import { revealIdNumber } from '../../../../common/contracts/people.ts';

/** A card with a heading and, for users who may change it, an edit button. */
export function SectionCard({
  title,
  onEdit,
  children,
  testId,
}: {
  title: string;
  onEdit?: () => void;
  children: React.ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-label={title} data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            {title}
          </Title>
          {onEdit ? (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={onEdit}
              aria-label={t('persons.edit.label', { section: title })}
            >
              {t('common.edit')}
            </Button>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** Shows the full ID number for a stated purpose (POST /persons/:id/id-number, audited). */
function RevealId({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const revealing = useOpMutation(revealIdNumber);
  const form = useForm({
    mode: 'controlled',
    initialValues: { purpose: '' },
    validate: { purpose: (v) => (v.trim().length >= 3 ? null : t('errors.validation.minLength', { limit: 3 })) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['purpose']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const result = await revealing.mutateAsync({
        params: { id: person.id },
        body: { purpose: values.purpose.trim() },
      });
      setShown(result.idNumber);
      setAsking(false);
      form.reset();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" className="ltr" data-testid="id-number">
        {shown ?? person.idNumberMasked}
      </Text>
      {shown ? (
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconEyeOff size={14} aria-hidden />}
          onClick={() => setShown(null)}
        >
          {t('persons.reveal.hide')}
        </Button>
      ) : (
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconEye size={14} aria-hidden />}
          onClick={() => setAsking(true)}
          data-testid="reveal-id"
        >
          {t('persons.reveal.button')}
        </Button>
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('persons.reveal.title')}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('persons.reveal.text')}</Text>
            <ProblemAlert problem={problem} />
            <TextInput
              label={t('persons.reveal.purpose')}
              description={t('persons.reveal.purposeHint')}
              required
              maxLength={200}
              data-autofocus
              {...form.getInputProps('purpose')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={revealing.isPending}>
                {t('persons.reveal.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}

export function OverviewTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('persons:write');
  const [editing, setEditing] = useState<Section | null>(null);
  const edit = (s: Section) => (canWrite ? () => setEditing(s) : undefined);
  const c = person.constraints;

  const idValue = person.idNumberMasked ? (
    can('id-number:reveal') ? (
      <RevealId person={person} />
    ) : (
      <span className="ltr">{person.idNumberMasked}</span>
    )
  ) : null;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <SectionCard title={t('persons.sections.identity')} onEdit={edit('identity')} testId="identity-card">
          <InfoList
            items={[
              { label: t('persons.fields.givenName'), value: person.givenName },
              { label: t('persons.fields.familyName'), value: person.familyName },
              {
                label: t('persons.fields.idNumber'),
                value: idValue ? (
                  <Stack gap={0}>
                    <Text size="sm">{person.idKind ? t(`persons.idKinds.${person.idKind}`) : ''}</Text>
                    {idValue}
                  </Stack>
                ) : null,
              },
              ...(person.passportCountry
                ? [{ label: t('persons.fields.passportCountry'), value: countryName(person.passportCountry) }]
                : []),
              {
                label: t('persons.fields.birthDate'),
                value: t('persons.birthDateAge', { date: formatDate(person.birthDate), age: formatNumber(person.age) }),
              },
              { label: t('persons.fields.sex'), value: t(`persons.sexes.${person.sex}`) },
              { label: t('persons.fields.nationality'), value: countryName(person.nationality) },
              {
                label: t('persons.fields.languages'),
                value: person.languages.length
                  ? formatList(
                      person.languages.map((l) => `${languageName(l.code)} (${t(`pdf.cv.levels.${l.level}`)})`),
                    )
                  : null,
              },
            ]}
          />
        </SectionCard>
        <SectionCard title={t('persons.sections.contact')} onEdit={edit('contact')}>
          <InfoList
            items={[
              { label: t('persons.fields.phone'), value: person.phone, ltr: true },
              { label: t('persons.fields.email'), value: person.email, ltr: true },
              { label: t('persons.fields.address'), value: person.address, isolate: true, testId: 'person-address' },
              { label: t('persons.fields.district'), value: `${person.district}, ${person.province}`, isolate: true },
              { label: t('persons.fields.office'), value: person.office.name },
              { label: t('persons.registeredAt'), value: formatDate(person.createdAt) },
            ]}
          />
        </SectionCard>
      </SimpleGrid>
      <SectionCard title={t('persons.sections.constraints')} onEdit={edit('constraints')}>
        {c ? (
          <InfoList
            items={[
              {
                label: t('persons.constraints.hoursPerWeek'),
                value: c.hoursPerWeek ? formatNumber(c.hoursPerWeek) : null,
              },
              {
                label: t('persons.constraints.shifts'),
                value: c.shifts.length ? formatList(c.shifts.map((s) => t(`persons.shifts.${s}`))) : null,
              },
              { label: t('persons.constraints.districts'), value: c.districts.length ? formatList(c.districts) : null },
              {
                label: t('persons.constraints.maxCommuteMinutes'),
                value: c.maxCommuteMinutes ? t('persons.minutes', { n: formatNumber(c.maxCommuteMinutes) }) : null,
              },
              {
                label: t('persons.constraints.childcareNeed'),
                value: c.childcareNeed ? t('persons.yes') : t('persons.no'),
              },
              { label: t('persons.constraints.earliestStart'), value: formatDate(c.earliestStart) },
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('persons.constraints.none')}
          </Text>
        )}
      </SectionCard>
      {editing ? <EditSection person={person} section={editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
