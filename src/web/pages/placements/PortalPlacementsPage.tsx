import { useState } from 'react';
import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDate } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/placements.ts';
import { PlacementStatusBadge } from './PlacementCards.tsx';

/**
 * The employer portal's placements: the people who started work with this employer (its own only; the
 * server answers nothing else), whether the job is registered with SGK, and a hire notification filed late.
 */
export function PortalPlacementsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useOp(op.listPlacements, { query: { page, pageSize: 25 } });
  return (
    <Stack gap="md">
      <PageHeader title={t('placementsUi.portal.title')} description={t('placementsUi.portal.description')} />
      {list.isPending ? (
        <InlineLoader />
      ) : list.error ? (
        <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty title={t('placementsUi.empty')} description={t('placementsUi.portal.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="portal-placements">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('placementsUi.sgk.person')}</Table.Th>
                  <Table.Th>{t('placementsUi.fields.jobTitle')}</Table.Th>
                  <Table.Th>{t('placementsUi.fields.startDate')}</Table.Th>
                  <Table.Th>{t('placementsUi.fields.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.person.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <bdi>{p.jobTitle}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(p.startDate)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <PlacementStatusBadge p={p} />
                        {p.lateFiling ? (
                          <Badge color="orange.8" variant="light">
                            {t('placementsUi.lateFiling')}
                          </Badge>
                        ) : null}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager list={list.data} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
