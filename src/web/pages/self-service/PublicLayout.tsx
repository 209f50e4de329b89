import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Anchor, Box, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../../components/DemoBanner.tsx';
import { PublicHeader } from '../../components/PublicHeader.tsx';

/** The frame of public pages: product name, language switch and a sign-in link, then the content. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <DemoBanner />
      <PublicHeader
        links={
          <Anchor component={Link} to="/sign-in" size="sm">
            {t('selfService.signIn')}
          </Anchor>
        }
      />
      <Container size={760} py={{ base: 'md', sm: 40 }} px={{ base: 'xs', sm: 'md' }} component="main" id="main">
        {children}
      </Container>
    </Box>
  );
}
