import { Box, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../api/ops.ts';
import { instanceMode } from '../../common/contracts/identity.ts';

/** Whether this is a demo instance (fictional data, messages not sent), asked once per page load. */
export function useIsDemo(): boolean {
  const instance = useOp(instanceMode, undefined, { staleTime: Infinity, retry: false });
  return instance.data?.mode === 'demo';
}

/** The banner's height in the signed-in frame's header (one line). */
export const DEMO_BANNER_HEIGHT = 32;

/** On a demo instance, every page says so at its top. */
export function DemoBanner() {
  const { t } = useTranslation();
  if (!useIsDemo()) return null;
  return (
    <Box
      role="note"
      data-testid="demo-banner"
      px="md"
      py={6}
      mih={DEMO_BANNER_HEIGHT}
      bg="yellow.1"
      c="#4a3200"
      style={{ borderBottom: '1px solid var(--mantine-color-yellow-4)', textAlign: 'center' }}
    >
      <Text size="sm" fw={600} truncate="end">
        <IconFlask size={14} aria-hidden style={{ verticalAlign: 'middle', marginInlineEnd: 6 }} />
        {t('demo.banner')}
      </Text>
    </Box>
  );
}
