import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/matching.ts';
import type { LinkReview } from '../../../common/contracts/matching.ts';
import { formatNumber } from '../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { OccupationInput } from '../../components/taxonomy/TaxonomyPickers.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';

/** One doubtful link: the title as typed, the proposed unit group, and a picker to confirm or correct it. */
function ReviewRow({ item }: { item: LinkReview }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(item.iscoCode);
  const [codeTitle, setCodeTitle] = useState<string | null>(item.iscoTitle);
  const [text, setText] = useState(item.title);
  const confirm = useOpMutation(op.confirmLink, { invalidates: [op.listLinkReviews.path] });
  const record =
    item.kind === 'vacancy' ? (
      <Anchor component={Link} to={`/vacancies/${item.vacancyId}`} size="sm">
        {t('linkReview.vacancy')}
      </Anchor>
    ) : (
      <Anchor component={Link} to={`/persons/${item.personId}`} size="sm">
        {t(item.kind === 'work-history' ? 'linkReview.workHistory' : 'linkReview.desired')}
      </Anchor>
    );
  async function save() {
    if (!code) return;
    try {
      await confirm.mutateAsync({
        body: {
          kind: item.kind,
          ...(item.personId ? { personId: item.personId } : {}),
          ...(item.vacancyId ? { vacancyId: item.vacancyId } : {}),
          ...(item.entryId ? { entryId: item.entryId } : {}),
          ...(item.index !== null ? { index: item.index } : {}),
          title: item.title,
          iscoCode: code,
        },
      });
      notifySuccess(t('linkReview.confirmed', { title: item.title }));
    } catch (err) {
      notifyProblem(err);
    }
  }
  return (
    <Table.Tr data-testid="link-review">
      <Table.Td>
        <Text size="sm" fw={600}>
          <bdi>{item.title}</bdi>
        </Text>
        {record}
      </Table.Td>
      <Table.Td>
        {item.iscoCode ? (
          <Text size="sm">
            {item.iscoCode} {item.iscoTitle}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('linkReview.noProposal')}
          </Text>
        )}
        <Badge size="xs" variant="light" color={item.status === 'none' ? 'red.9' : '#9c5700'}>
          {t(`linkReview.status.${item.status}`)}
          {item.score !== null ? ` · ${formatNumber(item.score)}` : ''}
        </Badge>
      </Table.Td>
      <Table.Td miw={260}>
        <OccupationInput
          label={t('linkReview.choose')}
          title={text}
          iscoCode={code}
          iscoTitle={codeTitle}
          onChange={(title, c, ct) => {
            setText(title);
            if (c) {
              setCode(c);
              setCodeTitle(ct);
            } else if (!title.trim()) setCode(null);
          }}
        />
      </Table.Td>
      <Table.Td>
        <Button size="xs" disabled={!code} loading={confirm.isPending} onClick={() => void save()}>
          {code === item.iscoCode ? t('linkReview.confirm') : t('linkReview.correct')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Staff confirm or correct the occupation titles the automatic linking was not sure of. */
export function LinkReviewPage() {
  const { t } = useTranslation();
  const list = useOp(op.listLinkReviews, { query: { limit: 100 } });
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Empty title={t('linkReview.empty')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('linkReview.typed')}</Table.Th>
              <Table.Th>{t('linkReview.proposed')}</Table.Th>
              <Table.Th>{t('linkReview.choose')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((i) => (
              <ReviewRow key={`${i.kind}-${i.personId ?? i.vacancyId}-${i.entryId ?? i.index ?? ''}`} item={i} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  return (
    <Stack gap="md">
      <PageHeader title={t('linkReview.title')} description={t('linkReview.description')} />
      {list.data ? (
        <Group>
          <Text size="sm" c="dimmed">
            {t('linkReview.total', { n: formatNumber(list.data.total) })}
          </Text>
        </Group>
      ) : null}
      {body}
    </Stack>
  );
}
