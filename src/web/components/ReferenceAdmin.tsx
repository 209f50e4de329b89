import { Alert, Button, Group, Table } from '@mantine/core';
import { IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './ui.tsx';

/**
 * The head of a platform reference-data screen (holidays, minimum wages): title, description, the "add"
 * button for who may change the data, and for everyone else a note that only the platform administrator
 * does.
 */
export function ReferenceHeader({
  title,
  description,
  createLabel,
  canManage,
  platformOnly,
  onCreate,
}: {
  title: string;
  description: string;
  createLabel: string;
  canManage: boolean;
  platformOnly: string;
  onCreate: () => void;
}) {
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onCreate}>
              {createLabel}
            </Button>
          ) : null
        }
      />
      {!canManage ? <PlatformOnlyNote>{platformOnly}</PlatformOnlyNote> : null}
    </>
  );
}

/** Says why the screen is read-only: the data is the platform's, kept by the platform administrator. */
export function PlatformOnlyNote({ children }: { children: string }) {
  return (
    <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
      {children}
    </Alert>
  );
}

/** A table row's last cell: edit and delete. */
export function EditDeleteCell({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Group gap="xs" justify="flex-end" wrap="nowrap">
        <Button size="xs" variant="subtle" onClick={onEdit}>
          {t('common.edit')}
        </Button>
        <Button size="xs" variant="subtle" color="red.8" onClick={onDelete}>
          {t('common.delete')}
        </Button>
      </Group>
    </Table.Td>
  );
}
