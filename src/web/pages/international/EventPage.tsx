import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { toProblem } from '../../components/problems.tsx';
import { LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { getEvent } from '../../../common/contracts/international.ts';
import { EventCard } from './InternationalPage.tsx';
import { EventForm } from './RecordForms.tsx';
import { FollowUpsCard } from './FollowUps.tsx';

/** One event: its details (editable by managers) and its follow-up actions, to which managers add. */
export function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const event = useOp(getEvent, { params: { id } });
  useDocumentTitle(event.data?.title ?? t('international.eventDetails'));
  if (event.isPending) return <PageLoader />;
  if (event.error) return <LoadError problem={toProblem(event.error)} onRetry={() => void event.refetch()} />;
  const e = event.data;
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/international" size="sm">
          {t('international.title')}
        </Anchor>
        <Text size="sm">{e.title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Title order={1} size="h2" data-testid="event-heading">
          {e.title}
        </Title>
        {can('international:manage') ? (
          <Button
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setEditing(true)}
            data-testid="edit-event"
          >
            {t('international.editEvent')}
          </Button>
        ) : null}
      </Group>
      <FormModal opened={editing} onClose={() => setEditing(false)} title={t('international.editEvent')}>
        <EventForm event={e} onClose={() => setEditing(false)} />
      </FormModal>
      <EventCard event={e} linked={false} />
      <FollowUpsCard items={e.followUps} parent={{ eventId: e.id }} />
    </Stack>
  );
}
