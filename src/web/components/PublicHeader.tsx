import type { ReactNode } from 'react';
import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The header of the screens seen without signing in: product name and tagline, links, language switch. */
export function PublicHeader({ links }: { links?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box
      component="header"
      bg="white"
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={800} fz="xl" c="indigo.8">
            {t('app.name')}
          </Text>
          <Text size="xs" c="dimmed" visibleFrom="xs">
            {t('app.tagline')}
          </Text>
        </Stack>
        {links ? (
          <Group gap="xs" wrap="nowrap">
            {links}
            <LanguageSwitch />
          </Group>
        ) : (
          <LanguageSwitch />
        )}
      </Group>
    </Box>
  );
}
