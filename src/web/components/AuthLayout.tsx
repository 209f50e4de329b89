import type { ReactNode } from 'react';
import { Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { DemoBanner } from './DemoBanner.tsx';
import { PublicHeader } from './PublicHeader.tsx';
import { useDocumentTitle } from './ui.tsx';

/** The frame of the screens before sign-in: product name and language switch, then one card. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Box mih="100vh" bg="gray.0">
      <DemoBanner />
      <PublicHeader />
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
