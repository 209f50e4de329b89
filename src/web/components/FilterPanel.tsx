import type { ReactNode } from 'react';
import { Badge, Button, Card, Collapse, Group } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Filters above a table: always open on wide screens, behind a "Filters" button on phones. */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const [opened, { toggle }] = useDisclosure(false);
  const content = (
    <Group align="flex-end" gap="sm" wrap="wrap">
      {children}
    </Group>
  );
  if (!narrow) {
    return (
      <Card withBorder padding="md" component="section" aria-label={t('common.filters')}>
        {content}
      </Card>
    );
  }
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('common.filters')}>
      <Button
        variant="subtle"
        onClick={toggle}
        aria-expanded={opened}
        leftSection={<IconAdjustmentsHorizontal size={18} aria-hidden />}
        rightSection={active > 0 ? <Badge size="sm">{active}</Badge> : null}
        fullWidth
        justify="flex-start"
      >
        {t('common.filters')}
      </Button>
      <Collapse expanded={opened}>
        <div style={{ paddingTop: 'var(--mantine-spacing-sm)' }}>{content}</div>
      </Collapse>
    </Card>
  );
}
