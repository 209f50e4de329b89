import { useState, type ReactNode } from 'react';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The table behind a chart, on demand: a show/hide button (aria-expanded) and, when shown, the table. */
export function TableBehind({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <>
      <Group>
        <Button variant="subtle" size="xs" onClick={() => setShown((v) => !v)} aria-expanded={shown}>
          {shown ? t('indicatorsUi.hideTable') : t('indicatorsUi.showTable')}
        </Button>
      </Group>
      {shown ? children : null}
    </>
  );
}
