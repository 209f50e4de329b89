import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { formatDate, formatNumber } from '../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError } from '../../components/ui.tsx';
import { applyOwn, listOwnCourses } from '../../../common/contracts/courses.ts';
import { localTitle } from './labels.ts';

/** On a job seeker's own page: the courses open for applications, each with an "apply" button. */
export function OwnCoursesSection() {
  const { t, i18n } = useTranslation();
  const list = useOp(listOwnCourses, undefined);
  const apply = useOpMutation(applyOwn, { invalidates: ['/self/courses'] });
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Text c="dimmed">{t('courses.self.none')}</Text>;
  else
    body = (
      <Stack gap="sm">
        {list.data.items.map((c) => (
          <Group key={c.id} justify="space-between" wrap="wrap" data-testid="own-course">
            <Stack gap={0}>
              <Text fw={600}>{localTitle(c.title, i18n.language)}</Text>
              <Text size="sm" c="dimmed">
                {formatDate(c.startDate)} – {formatDate(c.endDate)} ·{' '}
                {t('courses.hoursN', { n: formatNumber(c.hours) })} ·{' '}
                {t(`courses.certificateTypes.${c.certificateType}`)}
              </Text>
            </Stack>
            {c.myStatus ? (
              <Badge variant="outline">{t(`courses.applicationStatuses.${c.myStatus}`)}</Badge>
            ) : (
              <Button
                size="sm"
                loading={apply.isPending && apply.variables?.params.id === c.id}
                onClick={() =>
                  void apply
                    .mutateAsync({ params: { id: c.id } })
                    .then(() => notifySuccess(t('courses.self.applied')))
                    .catch(notifyProblem)
                }
              >
                {t('courses.self.apply')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="me-courses">
      <Title order={2} size="h4" id="me-courses" mb="sm">
        {t('courses.self.title')}
      </Title>
      {body}
    </Card>
  );
}
