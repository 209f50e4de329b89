import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DpBatchStatus } from '../../../common/contracts/dataprotection.ts';

const COLOURS: Record<DpBatchStatus, string> = {
  proposed: 'orange.9',
  approved: 'blue.8',
  rejected: 'gray.7',
  running: 'violet.8',
  'carried-out': 'teal.8',
};

/** A destruction batch's status as an outline badge. */
export function BatchStatus({ status }: { status: DpBatchStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={COLOURS[status]} data-testid="batch-status">
      {t(`dataProtection.destruction.statuses.${status}`)}
    </Badge>
  );
}
