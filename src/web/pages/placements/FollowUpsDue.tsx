import { Link } from 'react-router';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDate } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/placements.ts';

/** Retention follow-ups due in the next two weeks or overdue, on the counsellor's home screen. */
export function FollowUpsDue() {
  const { t } = useTranslation();
  const due = useOp(op.dueFollowUps, undefined);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="follow-ups-title" data-testid="follow-ups-due">
      <Stack gap="sm">
        <Group gap="xs">
          <IconCalendarCheck size={20} aria-hidden />
          <Title order={3} size="h5" id="follow-ups-title">
            {t('placementsUi.due.title')}
          </Title>
        </Group>
        {due.isPending ? (
          <InlineLoader />
        ) : due.error ? (
          <LoadError problem={toProblem(due.error)} onRetry={() => void due.refetch()} />
        ) : due.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('placementsUi.due.none')}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {due.data.items.map((f) => (
              <Stack component="li" key={f.id} gap={0}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Anchor component={Link} to={`/persons/${f.person.id}`} size="sm" fw={600}>
                    {f.person.name}
                  </Anchor>
                  {f.overdue ? (
                    <Badge color="red.8" variant="filled" size="sm">
                      {t('placementsUi.overdue')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm">
                  {t('placementsUi.due.item', {
                    milestone: t(`placementsUi.milestones.${f.milestone}`),
                    employer: f.employerName,
                  })}
                </Text>
                <Text size="xs" c={f.overdue ? 'red.8' : 'dimmed'}>
                  {t('cases.desk.due', { date: formatDate(f.dueDate) })}
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
