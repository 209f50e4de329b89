import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../../components/DemoBanner.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

/** The frame of public pages: product name, language switch and a sign-in link, then the content. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <DemoBanner />
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
          <Group gap="xs" wrap="nowrap">
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('selfService.signIn')}
            </Anchor>
            <LanguageSwitch />
          </Group>
        </Group>
      </Box>
      <Container size={760} py={{ base: 'md', sm: 40 }} px={{ base: 'xs', sm: 'md' }} component="main" id="main">
        {children}
      </Container>
    </Box>
  );
}
