import { useState } from 'react';
import { Anchor, Button, Card, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  DP_INVENTORY_FIELDS,
  exportInventory,
  getInventory,
  updateInventoryActivity,
  type DpInventoryField,
  type InventoryActivity,
  type RetentionRules,
} from '../../../common/contracts/dataprotection.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { listSeparator } from '../../components/format.ts';

const KEY = '/data-protection/inventory';
type Values = Record<DpInventoryField, string>;

/** The generated text of one column, in the interface language. */
function useGenerated() {
  const { t } = useTranslation();
  return (a: InventoryActivity, field: DpInventoryField, rules: RetentionRules): string => {
    const words = (group: string, codes: readonly string[]) =>
      codes.length
        ? codes.map((c) => t(`dataProtection.inventory.${group}.${c}`)).join('; ')
        : t('dataProtection.inventory.none');
    switch (field) {
      case 'subjectGroups':
        return words('subjectGroups', a.subjectGroups);
      case 'categories':
        return a.categories.map((c) => t(`dataProtection.breachCategories.${c}`)).join('; ');
      case 'purposes':
        return words('purposes', a.purposes);
      case 'legalBases':
        return words('legalBases', a.legalBases);
      case 'recipients':
        return words('recipients', a.recipients);
      case 'retention':
        return a.retention === 'case-rules'
          ? t('dataProtection.inventory.retention.case-rules', {
              followUp: rules.followUpMonths,
              returnToAid: rules.returnToAidMonths,
              years: rules.statutoryYears,
              noCase: rules.noCaseMonths,
              interval: rules.intervalMonths,
            })
          : a.retention === 'fair-walk-ins'
            ? t('dataProtection.inventory.retention.fair-walk-ins', { months: rules.fairWalkInMonths })
            : t(`dataProtection.inventory.retention.${a.retention}`);
      case 'transfersAbroad':
        return a.transfersAbroad.length
          ? t('dataProtection.inventory.partnersToComplete', { partners: a.transfersAbroad.join(listSeparator()) })
          : t('dataProtection.inventory.none');
      case 'securityMeasures':
        return words('measures', a.securityMeasures);
    }
  };
}

function EditActivity({
  activity,
  rules,
  onClose,
}: {
  activity: InventoryActivity;
  rules: RetentionRules;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const generated = useGenerated();
  const save = useOpMutation(updateInventoryActivity, { invalidates: [KEY] });
  const form = useForm<Values>({
    initialValues: Object.fromEntries(DP_INVENTORY_FIELDS.map((f) => [f, activity.overrides[f] ?? ''])) as Values,
  });
  const { problem, handle, clear } = useFormProblem(form, DP_INVENTORY_FIELDS);
  const name = t(`dataProtection.inventory.activities.${activity.activity}`);
  return (
    <Modal opened onClose={onClose} size="lg" title={t('dataProtection.inventory.editTitle', { activity: name })}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          clear();
          save.mutateAsync({ params: { activity: activity.activity }, body: { overrides: v } }).then(onClose, handle);
        })}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('dataProtection.inventory.editHint')}
          </Text>
          {DP_INVENTORY_FIELDS.map((f) => (
            <Textarea
              key={f}
              autosize
              minRows={1}
              maxLength={2000}
              label={t(`dataProtection.inventory.columns.${f}`)}
              description={t('dataProtection.inventory.generatedLabel', { text: generated(activity, f, rules) })}
              {...form.getInputProps(f)}
            />
          ))}
          <ProblemAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('dataProtection.inventory.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('dataProtection.inventory.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The processing inventory for VERBİS: generated, editable where the system cannot know, exportable. */
export function InventoryPage() {
  const { t, i18n } = useTranslation();
  const inventory = useOp(getInventory, undefined);
  const generated = useGenerated();
  const [editing, setEditing] = useState<InventoryActivity | null>(null);
  const [locale, setLocale] = useState<Locale>(
    (LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'tr',
  );
  let body;
  if (inventory.isPending) body = <InlineLoader />;
  else if (inventory.error)
    body = <LoadError problem={toProblem(inventory.error)} onRetry={() => void inventory.refetch()} />;
  else {
    const { items, rules } = inventory.data;
    body = (
      <Table.ScrollContainer minWidth={1200}>
        <Table striped withColumnBorders verticalSpacing="xs" data-testid="inventory">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataProtection.inventory.columns.activity')}</Table.Th>
              {DP_INVENTORY_FIELDS.map((f) => (
                <Table.Th key={f}>{t(`dataProtection.inventory.columns.${f}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.activity}>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text fw={600} size="sm">
                      {t(`dataProtection.inventory.activities.${a.activity}`)}
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      onClick={() => setEditing(a)}
                      aria-label={`${t('dataProtection.inventory.edit')}: ${t(`dataProtection.inventory.activities.${a.activity}`)}`}
                    >
                      {t('dataProtection.inventory.edit')}
                    </Button>
                  </Stack>
                </Table.Td>
                {DP_INVENTORY_FIELDS.map((f) => (
                  <Table.Td key={f}>
                    <Text size="sm">{a.overrides[f] ?? generated(a, f, rules)}</Text>
                    {a.overrides[f] ? (
                      <Text size="xs" c="dimmed">
                        {t('dataProtection.inventory.own')}
                      </Text>
                    ) : null}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }
  return (
    <Stack>
      <PageHeader title={t('dataProtection.inventory.title')} description={t('dataProtection.inventory.description')} />
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Group gap="xs">
            <Text size="sm" id="inventory-language">
              {t('dataProtection.inventory.language')}
            </Text>
            <SegmentedControl
              aria-labelledby="inventory-language"
              value={locale}
              onChange={(v) => setLocale(v)}
              data={LOCALES.map((l) => ({ value: l, label: t(`dataProtection.languages.${l}`) }))}
            />
          </Group>
          <Group gap="md">
            {(['csv', 'xlsx'] as const).map((format) => (
              <Anchor key={format} href={opHref(exportInventory, { query: { format, locale } })} download>
                <Group gap={4}>
                  <IconDownload size={16} aria-hidden />
                  {t(format === 'csv' ? 'dataProtection.inventory.exportCsv' : 'dataProtection.inventory.exportXlsx')}
                </Group>
              </Anchor>
            ))}
          </Group>
        </Group>
        {body}
      </Card>
      {editing && inventory.data ? (
        <EditActivity activity={editing} rules={inventory.data.rules} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}
