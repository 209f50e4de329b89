import type { ReactNode } from 'react';
import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from './DemoBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useDocumentTitle } from './ui.tsx';

/** The frame of the screens before sign-in: product name and language switch, then one card. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
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
          <LanguageSwitch />
        </Group>
      </Box>
      <Container size={480} py={40} component="main" id="main">
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
          </Stack>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
