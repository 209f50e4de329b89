import { Link } from 'react-router';
import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/ui.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('common.notFoundTitle'));
  return (
    <EmptyState py="xl" icon={<IconMapOff size={32} aria-hidden />} withIndicatorBackground>
      {/* The screen's own heading: a screen reader lands on it like on any other screen's title. */}
      <EmptyState.Title order={1}>{t('common.notFoundTitle')}</EmptyState.Title>
      <EmptyState.Description>{t('common.notFoundText')}</EmptyState.Description>
      <EmptyState.Actions>
        <Button component={Link} to="/">
          {t('nav.home')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
