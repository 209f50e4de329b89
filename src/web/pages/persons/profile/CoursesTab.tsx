import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../../api/ops.ts';
import { useCan } from '../../../api/session.ts';
import { formatDate, formatNumber } from '../../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../../components/problems.tsx';
import type { Person } from '../../../components/people/types.ts';
import { Empty, InlineLoader, LoadError } from '../../../components/ui.tsx';
import { applyToCourse, listCourses, personCourses } from '../../../../common/contracts/courses.ts';
import { ApplicationStatusBadge } from '../../courses/CoursePage.tsx';
import { coursePaths, localTitle } from '../../courses/labels.ts';
import { SectionCard } from './OverviewTab.tsx';

/** The person's course applications and certificates; a counsellor applies them to an open course here. */
export function CoursesTab({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canApply = can('courses:apply') || can('courses:manage');
  const mine = useOp(personCourses, { params: { id: person.id } });
  const open = useOp(
    listCourses,
    { query: { status: 'open', sort: 'startDate', order: 'asc', pageSize: 100 } },
    { enabled: canApply },
  );
  const apply = useOpMutation(applyToCourse, { invalidates: [`/persons/${person.id}/courses`, '/courses'] });
  const [courseId, setCourseId] = useState<string | null>(null);

  let body;
  if (mine.isPending) body = <InlineLoader />;
  else if (mine.error) body = <LoadError problem={toProblem(mine.error)} onRetry={() => void mine.refetch()} />;
  else if (mine.data.items.length === 0) body = <Empty title={t('courses.person.empty')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="person-courses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('courses.fields.title')}</Table.Th>
              <Table.Th>{t('courses.fields.dates')}</Table.Th>
              <Table.Th>{t('courses.fields.status')}</Table.Th>
              <Table.Th>{t('courses.attendance')}</Table.Th>
              <Table.Th>{t('courses.fields.certificate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.data.items.map((c) => (
              <Table.Tr key={c.applicationId}>
                <Table.Td>
                  <Anchor component={Link} to={coursePaths.course(c.course.id)} size="sm">
                    {localTitle(c.course.title, i18n.language)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {formatDate(c.course.startDate)} – {formatDate(c.course.endDate)}
                </Table.Td>
                <Table.Td>
                  <ApplicationStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>{formatNumber(c.attendancePercent)} %</Table.Td>
                <Table.Td>
                  {c.certificate ? (
                    <Group gap={4}>
                      <Text size="xs" ff="monospace" dir="ltr">
                        {c.certificate.code}
                      </Text>
                      {c.certificate.revokedAt ? (
                        <Badge color="red.9" variant="outline" size="xs">
                          {t('courses.revoked')}
                        </Badge>
                      ) : c.certificate.type === 'participation' ? (
                        <Anchor href={coursePaths.certificatePdf(c.certificate.id)} size="xs">
                          {t('courses.downloadPdf')}
                        </Anchor>
                      ) : null}
                    </Group>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack gap="md">
      {canApply ? (
        <SectionCard title={t('courses.person.applyTitle')} testId="course-apply">
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('courses.person.course')}
              data={(open.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${localTitle(c.title, i18n.language)} (${formatDate(c.startDate)})`,
              }))}
              value={courseId}
              onChange={setCourseId}
              searchable
              nothingFoundMessage={t('courses.person.noOpen')}
              w={{ base: '100%', sm: 380 }}
            />
            <Button
              disabled={!courseId}
              loading={apply.isPending}
              onClick={() =>
                courseId &&
                void apply
                  .mutateAsync({ params: { id: courseId }, body: { personId: person.id } })
                  .then(() => {
                    notifySuccess(t('courses.person.applied'));
                    setCourseId(null);
                  })
                  .catch(notifyProblem)
              }
            >
              {t('courses.person.apply')}
            </Button>
          </Group>
        </SectionCard>
      ) : null}
      <SectionCard title={t('courses.person.title')}>{body}</SectionCard>
    </Stack>
  );
}
