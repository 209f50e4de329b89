import { useState } from 'react';
import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDate } from '../../components/format.ts';
import { notifyProblem } from '../../components/problems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { updateFollowUp, type FollowUp } from '../../../common/contracts/international.ts';
import { FollowUpForm } from './RecordForms.tsx';

export function FollowUpTable({ items, canManage }: { items: FollowUp[]; canManage: boolean }) {
  const { t } = useTranslation();
  const update = useOpMutation(updateFollowUp, { invalidates: ['/international'] });
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('international.noFollowUps')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid="follow-ups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('international.fields.actionTitle')}</Table.Th>
            <Table.Th>{t('international.fields.owner')}</Table.Th>
            <Table.Th>{t('international.fields.deadline')}</Table.Th>
            <Table.Th>{t('international.fields.status')}</Table.Th>
            {canManage ? <Table.Th aria-label={t('international.markDone')} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>{f.title}</Table.Td>
              <Table.Td>{f.owner.name}</Table.Td>
              <Table.Td>{formatDate(f.deadline)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={f.overdue ? 'red' : undefined}>
                  {f.overdue ? t('international.overdue') : t(`international.actionStatuses.${f.status}`)}
                </Badge>
              </Table.Td>
              {canManage ? (
                <Table.Td>
                  {f.status === 'open' ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={update.isPending}
                      onClick={() =>
                        void update.mutateAsync({ params: { id: f.id }, body: { status: 'done' } }).catch(notifyProblem)
                      }
                    >
                      {t('international.markDone')}
                    </Button>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The follow-up actions of an agreement or an event, with (for managers) a button to add one. */
export function FollowUpsCard({
  items,
  parent,
}: {
  items: FollowUp[];
  parent: { agreementId: string } | { eventId: string };
}) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('international:manage');
  const [adding, setAdding] = useState(false);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">
          {t('international.followUps')}
        </Title>
        {manage ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="add-follow-up"
          >
            {t('international.addFollowUp')}
          </Button>
        ) : null}
      </Group>
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('international.addFollowUp')} size="md">
        <FollowUpForm parent={parent} onClose={() => setAdding(false)} />
      </FormModal>
      <FollowUpTable items={items} canManage={manage} />
    </Card>
  );
}
