import { Link } from 'react-router';
import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/ui.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('common.notFoundTitle'));
  return (
    <EmptyState
      py="xl"
      icon={<IconMapOff size={32} aria-hidden />}
      withIndicatorBackground
      title={t('common.notFoundTitle')}
      description={t('common.notFoundText')}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          {t('nav.home')}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
