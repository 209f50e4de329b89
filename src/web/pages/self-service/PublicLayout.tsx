import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Anchor, Box, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../../components/DemoBanner.tsx';
import { PublicHeader } from '../../components/PublicHeader.tsx';

/**
 * The frame of public pages: product name, language switch and a sign-in link, then the content. The
 * `public-page` class gives every control a touch target of at least 44 px (styles.css), as people fill
 * these forms on a phone.
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0" className="public-page">
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
