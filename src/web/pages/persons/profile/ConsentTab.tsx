import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../../common/locales.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../../common/people.ts';
import { useCan } from '../../../api/session.ts';
import { currentLocale, LANGUAGE_NAMES } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../components/format.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../../components/people/notify.ts';
import { ConfirmDialog, InlineLoader, LoadError } from '../../../components/ui.tsx';
import {
  CHANNELS,
  CONSENT_PURPOSES,
  type Channel,
  type ConsentPurpose,
  type ConsentRecord,
  type Person,
} from '../../../components/people/types.ts';
import { DocumentUpload } from './DocumentsTab.tsx';
import { SectionCard } from './OverviewTab.tsx';
import { personKey, useConsents } from './queries.ts';
import { opHref, useOpMutation } from '../../../api/ops.ts';
import { acknowledgeNotice, grantConsent, withdrawConsent } from '../../../../common/contracts/people.ts';
import { consentForm, noticeForm } from '../../../../common/contracts/person-records.ts';

function purposeLabel(t: (k: string) => string, c: Pick<ConsentRecord, 'purpose' | 'partner'>): string {
  const title = t(`consents.purposes.${c.purpose}`);
  return c.partner ? `${title} (${c.partner})` : title;
}

function RecordConsent({ person, active, onClose }: { person: Person; active: ConsentRecord[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const can = useCan();
  const granting = useOpMutation(grantConsent);
  const hasRoma = person.targetGroups.some((g) => g.group === 'roma');
  const liftable = person.targetGroups.some((g) => g.group === 'roma' || g.group === 'disability');
  const offered = CONSENT_PURPOSES.filter(
    (p) =>
      (p === 'share-with-partners' || !active.some((c) => c.purpose === p)) &&
      (p !== 'roma-self-identification' || can('special-category:read') || hasRoma) &&
      (p !== 'priority-matching' || (can('special-category:read') && liftable)),
  );
  const form = useForm<{ purpose: ConsentPurpose | null; partner: string; channel: Channel }>({
    mode: 'controlled',
    initialValues: { purpose: null, partner: '', channel: 'in-person' },
    validate: {
      purpose: (v) => (v ? null : t('errors.validation.required')),
      partner: (v, values) =>
        values.purpose === 'share-with-partners' && !v.trim() ? t('errors.validation.required') : null,
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['purpose', 'partner', 'channel']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const result = await granting.mutateAsync({
        params: { id: person.id },
        body: {
          purpose: values.purpose as ConsentPurpose, // required by the form's validation
          partner: values.purpose === 'share-with-partners' ? values.partner.trim() : null,
          textVersion: CONSENT_TEXT_VERSION,
          channel: values.channel,
        },
      });
      client.setQueryData([...personKey(person.id), 'consents'], result);
      notifySuccess(t('consents.recorded'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('consents.record')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('consents.recordText')}</Text>
          <ProblemAlert problem={problem} />
          <Select
            label={t('consents.purpose')}
            data={offered.map((p) => ({ value: p, label: t(`consents.purposes.${p}`) }))}
            required
            {...form.getInputProps('purpose')}
          />
          {form.values.purpose ? (
            <Text size="sm" c="dimmed">
              {t(`pdf.consent.purposes.${form.values.purpose}.body`, { partner: form.values.partner || '…' })}
            </Text>
          ) : null}
          {form.values.purpose === 'share-with-partners' ? (
            <TextInput label={t('consents.partner')} required maxLength={100} {...form.getInputProps('partner')} />
          ) : null}
          <Select
            label={t('consents.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`consents.channels.${c}`) }))}
            allowDeselect={false}
            {...form.getInputProps('channel')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={granting.isPending}>
              {t('consents.recordButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AcknowledgeNotice({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const acknowledging = useOpMutation(acknowledgeNotice);
  const form = useForm<{ locale: Locale; channel: Channel }>({
    mode: 'controlled',
    initialValues: { locale: currentLocale(), channel: 'in-person' },
  });
  const { problem, handle, clear } = useFormProblem(form, ['locale', 'channel']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      const result = await acknowledging.mutateAsync({
        params: { id: person.id },
        body: { version: NOTICE_VERSION, ...values },
      });
      client.setQueryData([...personKey(person.id), 'consents'], result);
      notifySuccess(t('consents.noticeRecorded'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('consents.recordNotice')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('consents.recordNoticeText', { version: NOTICE_VERSION })}</Text>
          <ProblemAlert problem={problem} />
          <Select
            label={t('persons.notice.language')}
            data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />
          <Select
            label={t('persons.notice.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`consents.channels.${c}`) }))}
            allowDeselect={false}
            {...form.getInputProps('channel')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={acknowledging.isPending}>
              {t('consents.recordButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Printable forms: the notice and the consent form, in a chosen language, as PDFs. */
function PrintableForms({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [purposes, setPurposes] = useState<string[]>([
    'share-with-employers',
    'contact-beyond-service',
    'surveys',
    'photos',
  ]);
  const [partner, setPartner] = useState('');
  const formPurposes = CONSENT_PURPOSES.filter(
    (p) =>
      (p !== 'roma-self-identification' || person.targetGroups.some((g) => g.group === 'roma')) &&
      (p !== 'priority-matching' || person.targetGroups.some((g) => g.group === 'roma' || g.group === 'disability')),
  );
  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('consents.forms.language')}
          data={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
          value={locale}
          onChange={(v) => v && setLocale(v)}
          allowDeselect={false}
          w={180}
        />
        <Button
          component="a"
          variant="default"
          href={opHref(noticeForm, { params: { id: person.id }, query: { locale } })}
          target="_blank"
          rel="noopener"
          rightSection={<IconExternalLink size={14} aria-hidden />}
          data-testid="notice-form"
        >
          {t('consents.forms.notice')}
        </Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <MultiSelect
          label={t('consents.forms.purposes')}
          data={formPurposes.map((p) => ({ value: p, label: t(`consents.purposes.${p}`) }))}
          value={purposes}
          onChange={setPurposes}
          miw={260}
          maw={520}
        />
        {purposes.includes('share-with-partners') ? (
          <TextInput
            label={t('consents.partner')}
            value={partner}
            onChange={(e) => setPartner(e.currentTarget.value)}
            w={200}
          />
        ) : null}
        <Button
          component="a"
          variant="default"
          href={opHref(consentForm, {
            params: { id: person.id },
            query: {
              locale,
              purposes: purposes.join(',') || undefined,
              partner: purposes.includes('share-with-partners') && partner.trim() ? partner.trim() : undefined,
            },
          })}
          target="_blank"
          rel="noopener"
          rightSection={<IconExternalLink size={14} aria-hidden />}
          disabled={purposes.length === 0}
          data-testid="consent-form"
        >
          {t('consents.forms.consent')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ConsentTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const canWrite = can('persons:write');
  const consents = useConsents(person.id);
  const [recording, setRecording] = useState(false);
  const [noticing, setNoticing] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentRecord | null>(null);
  const withdrawal = useOpMutation(withdrawConsent, {
    onSuccess: (result) => {
      client.setQueryData([...personKey(person.id), 'consents'], result);
      notifySuccess(t('consents.withdrawn'));
      setWithdrawing(null);
    },
    onError: notifyProblem,
  });

  function withdraw() {
    if (!withdrawing) return;
    withdrawal.mutate({ params: { id: person.id, consentId: withdrawing.id } });
  }

  if (consents.isPending) return <InlineLoader />;
  if (consents.error) return <LoadError problem={toProblem(consents.error)} onRetry={() => void consents.refetch()} />;
  const { consents: list, notices } = consents.data;
  const active = list.filter((c) => c.active);
  const noticeCurrent = notices.some((n) => n.version === NOTICE_VERSION);

  return (
    <Stack gap="md">
      <SectionCard title={t('consents.title')}>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('consents.intro')}
          </Text>
          {canWrite ? (
            <Button
              size="compact-sm"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setRecording(true)}
              data-testid="consent-record"
            >
              {t('consents.record')}
            </Button>
          ) : null}
        </Group>
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consents.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="consents-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consents.purpose')}</Table.Th>
                  <Table.Th>{t('consents.given')}</Table.Th>
                  <Table.Th>{t('consents.channel')}</Table.Th>
                  <Table.Th>{t('consents.state')}</Table.Th>
                  {canWrite ? (
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{purposeLabel(t, c)}</Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{formatDateTime(c.grantedAt)}</Text>
                        <Text size="xs" c="dimmed">
                          {c.recordedBy
                            ? t('consents.recordedBy', { name: c.recordedBy, version: c.textVersion })
                            : t('consents.selfRecorded', { version: c.textVersion })}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{t(`consents.channels.${c.channel}`)}</Table.Td>
                    <Table.Td>
                      {c.active ? (
                        <Badge color="teal.9" variant="outline">
                          {t('consents.active')}
                        </Badge>
                      ) : (
                        <Stack gap={0}>
                          <Badge color="gray.7" variant="outline">
                            {t('consents.withdrawnBadge')}
                          </Badge>
                          <Text size="xs" c="dimmed">
                            {formatDateTime(c.withdrawnAt)}
                          </Text>
                        </Stack>
                      )}
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        {c.active ? (
                          <Button
                            variant="subtle"
                            color="red.8"
                            size="compact-sm"
                            onClick={() => setWithdrawing(c)}
                            aria-label={t('consents.withdrawFor', { purpose: purposeLabel(t, c) })}
                          >
                            {t('consents.withdraw')}
                          </Button>
                        ) : null}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      <SectionCard title={t('consents.notices')}>
        <Group justify="space-between" wrap="wrap">
          {noticeCurrent ? (
            <Text size="sm">{t('consents.noticeCurrent', { version: NOTICE_VERSION })}</Text>
          ) : (
            <Text size="sm" c="red.9" fw={600}>
              {t('consents.noticeMissing', { version: NOTICE_VERSION })}
            </Text>
          )}
          {canWrite ? (
            <Button size="compact-sm" variant="default" onClick={() => setNoticing(true)}>
              {t('consents.recordNotice')}
            </Button>
          ) : null}
        </Group>
        {notices.length > 0 ? (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consents.noticeVersion')}</Table.Th>
                  <Table.Th>{t('persons.notice.language')}</Table.Th>
                  <Table.Th>{t('consents.channel')}</Table.Th>
                  <Table.Th>{t('consents.acknowledgedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {notices.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td className="ltr">{n.version}</Table.Td>
                    <Table.Td>{LANGUAGE_NAMES[n.locale] ?? n.locale}</Table.Td>
                    <Table.Td>{t(`consents.channels.${n.channel}`)}</Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{formatDateTime(n.acknowledgedAt)}</Text>
                        {n.recordedBy ? (
                          <Text size="xs" c="dimmed">
                            {n.recordedBy}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </SectionCard>
      <SectionCard title={t('consents.forms.title')}>
        <Text size="sm" c="dimmed">
          {t('consents.forms.intro')}
        </Text>
        <PrintableForms person={person} />
        {canWrite ? (
          <Stack gap="xs" mt="sm">
            <Text size="sm" fw={600}>
              {t('consents.forms.uploadSigned')}
            </Text>
            <DocumentUpload person={person} kinds={['signed-notice', 'signed-consent']} />
            <Text size="sm" c="dimmed">
              {t('consents.forms.uploadHint')}
            </Text>
          </Stack>
        ) : null}
      </SectionCard>
      {recording ? <RecordConsent person={person} active={active} onClose={() => setRecording(false)} /> : null}
      {noticing ? <AcknowledgeNotice person={person} onClose={() => setNoticing(false)} /> : null}
      <ConfirmDialog
        opened={withdrawing !== null}
        title={t('consents.withdrawTitle')}
        message={t('consents.withdrawConfirm', {
          purpose: withdrawing ? purposeLabel(t, withdrawing) : '',
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
