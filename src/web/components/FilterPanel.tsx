import { useId, useState, type ReactNode } from 'react';
import { Badge, Button, Card, Collapse, Group } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Filters above a table behind a "Filters" button that folds them away and opens them again (issue 14):
 * open at first on wide screens, folded on phones, then as the user leaves it. The button says how many
 * filters are set while they are folded away.
 */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  // null until the user folds or opens the panel: until then it follows the screen's width.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const opened = chosen ?? !narrow;
  const id = useId();
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('common.filters')} data-testid="filter-panel">
      <Button
        variant="subtle"
        onClick={() => setChosen(!opened)}
        aria-expanded={opened}
        aria-controls={id}
        leftSection={<IconAdjustmentsHorizontal size={18} aria-hidden />}
        rightSection={active > 0 ? <Badge size="sm">{active}</Badge> : null}
        fullWidth={narrow}
        justify="flex-start"
        data-testid="filter-toggle"
      >
        {t('common.filters')}
      </Button>
      <Collapse expanded={opened} id={id}>
        <Group align="flex-end" gap="sm" wrap="wrap" pt="sm">
          {children}
        </Group>
      </Collapse>
    </Card>
  );
}
