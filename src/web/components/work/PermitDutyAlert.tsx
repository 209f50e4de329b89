import { Alert } from '@mantine/core';
import { IconFileCertificate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PermitDuty } from '../../../common/decent-work.ts';

/**
 * What the employer must do before the referred person can start (request the work permit or the
 * seasonal exemption), as the server recorded it when the referral was sent: shown to staff and to the
 * employer on the referral.
 */
export function PermitDutyAlert({ duty }: { duty: PermitDuty | null }) {
  const { t } = useTranslation();
  if (!duty) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconFileCertificate aria-hidden />}
      title={t('referrals.permitDutyTitle')}
      data-testid="permit-duty"
    >
      {t(`referrals.permitDuties.${duty}`)}
    </Alert>
  );
}
