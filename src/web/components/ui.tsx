import { useEffect, type ReactNode } from 'react';
import { Button, Center, Group, Loader, Modal, Stack, Text, Title, EmptyState } from '@mantine/core';
import { IconInbox, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client.ts';
import { ProblemAlert } from './problems.tsx';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="60vh" role="status" aria-live="polite" aria-label={t('common.loading')}>
      <Loader aria-hidden />
    </Center>
  );
}

export function InlineLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-label={t('common.loading')}>
      <Loader size="sm" aria-hidden />
    </Center>
  );
}

/** Names the browser tab after the screen, so that tabs, history and screen readers tell screens apart. */
export function useDocumentTitle(title: string) {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="sm">
      <Stack gap={4} maw={720}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description ? <Text c="dimmed">{description}</Text> : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}

export function Empty({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <EmptyState
      py="xl"
      icon={<IconInbox size={32} aria-hidden />}
      withIndicatorBackground
      title={title}
      description={description}
      data-testid="empty-state"
    >
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <EmptyState py="xl" icon={<IconLock size={32} aria-hidden />} withIndicatorBackground>
      <EmptyState.Title order={1}>{t('common.forbiddenTitle')}</EmptyState.Title>
      <EmptyState.Description>{t('common.forbiddenText')}</EmptyState.Description>
    </EmptyState>
  );
}

export function LoadError({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" my="md">
      <ProblemAlert problem={problem} />
      {onRetry ? (
        <Group>
          <Button variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export interface ConfirmProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}

/** Asks before an action that cannot be undone easily. */
export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel,
  danger,
  loading,
  onConfirm,
  onCancel,
  children,
}: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Stack>
        <Text>{message}</Text>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red.8' : undefined} loading={loading} onClick={onConfirm} data-testid="confirm">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A user in a list: the name, and under it the e-mail or phone (left to right in every language). */
export function UserNameCell({ user }: { user: { fullName: string; email: string | null; phone: string | null } }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {user.fullName}
      </Text>
      <Text size="xs" c="dimmed" className="ltr">
        {user.email ?? user.phone ?? ''}
      </Text>
    </Stack>
  );
}
