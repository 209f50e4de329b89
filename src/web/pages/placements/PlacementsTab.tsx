import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { useOp } from '../../api/ops.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import type { Person } from '../../components/people/types.ts';
import * as op from '../../../common/contracts/placements.ts';
import { PlacementCard } from './PlacementCards.tsx';
import { RecordPlacementModal } from './PlacementForms.tsx';

/** The person's placements: from hires and recorded by staff, with verification and follow-ups. */
export function PlacementsTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const list = useOp(op.listPlacements, { query: { personId: person.id, pageSize: 50 } });
  const add = can('placements:write') ? (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setRecording(true)}
      data-testid="record-placement"
    >
      {t('placementsUi.record')}
    </Button>
  ) : undefined;

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = <Empty title={t('placementsUi.empty')} description={t('placementsUi.emptyText')} action={add} />;
  else
    body = (
      <Stack gap="sm">
        {add ? <Group justify="flex-end">{add}</Group> : null}
        {list.data.items.map((p) => (
          <PlacementCard key={p.id} p={p} />
        ))}
      </Stack>
    );
  return (
    <>
      {body}
      {recording ? <RecordPlacementModal personId={person.id} onClose={() => setRecording(false)} /> : null}
    </>
  );
}
