import { Alert, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { getSharedWith } from '../../../../common/contracts/referrals.ts';
import { useOp } from '../../../api/ops.ts';
import { formatDateTime, listSeparator } from '../../../components/format.ts';
import { toProblem } from '../../../components/problems.tsx';
import { Empty, InlineLoader, LoadError } from '../../../components/ui.tsx';
import type { Person } from '../../../components/people/types.ts';
import { SectionCard } from './OverviewTab.tsx';

/**
 * Who received the person's profile (the disclosure log) and, since then, which shared details were
 * corrected and are owed to each of them (issue 8, item 22). Names of fields, never their values.
 */
export function SharedWithTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const shared = useOp(getSharedWith, { params: { id: person.id } });
  if (shared.isPending) return <InlineLoader />;
  if (shared.error) return <LoadError problem={toProblem(shared.error)} onRetry={() => void shared.refetch()} />;
  const { disclosures, rectifications } = shared.data;
  return (
    <Stack gap="md">
      <SectionCard title={t('persons.sharedWith.disclosures')} testId="disclosures">
        {disclosures.length === 0 ? (
          <Empty title={t('persons.sharedWith.none')} description={t('persons.sharedWith.noneText')} />
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('persons.sharedWith.recipient')}</Table.Th>
                  <Table.Th scope="col">{t('persons.sharedWith.when')}</Table.Th>
                  <Table.Th scope="col">{t('persons.sharedWith.what')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {disclosures.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td dir="auto">{d.recipientName}</Table.Td>
                    <Table.Td>{formatDateTime(d.at)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {d.dataCategories.map((c) => (
                          <Badge key={c} variant="outline" color="gray.8" size="sm">
                            {t(`persons.sharedWith.categories.${c}`, { defaultValue: c })}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      <SectionCard title={t('persons.sharedWith.rectifications')} testId="rectifications">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('persons.sharedWith.rectificationsText')}
        </Alert>
        {rectifications.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('persons.sharedWith.noRectifications')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('persons.sharedWith.recipient')}</Table.Th>
                  <Table.Th scope="col">{t('persons.sharedWith.when')}</Table.Th>
                  <Table.Th scope="col">{t('persons.sharedWith.changedFields')}</Table.Th>
                  <Table.Th scope="col">{t('persons.sharedWith.changedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rectifications.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td dir="auto">{r.recipientName}</Table.Td>
                    <Table.Td>{formatDateTime(r.at)}</Table.Td>
                    <Table.Td>
                      {r.fields.map((f) => t(`persons.fields.${f}`, { defaultValue: f })).join(listSeparator())}
                    </Table.Td>
                    <Table.Td>
                      {t(`persons.sharedWith.by.${r.changedByKind === 'seeker' ? 'seeker' : 'staff'}`)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
    </Stack>
  );
}
