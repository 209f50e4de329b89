import type { ReactNode } from 'react';
import { Button, Group, Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A form in a modal dialog (its close button is named by the theme, App.tsx), the form mounted only
 * while the dialog is open (so that it starts from its initial values each time).
 */
export function FormModal({
  opened,
  onClose,
  title,
  size = 'lg',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      {opened ? children : null}
    </Modal>
  );
}

/** A modal form's closing row: cancel, and the submit button (named by `testId` for tests). */
export function FormActions({
  onCancel,
  pending,
  label,
  testId,
}: {
  onCancel: () => void;
  pending: boolean;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}
