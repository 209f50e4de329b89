import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../../common/audit-actions.ts';
import { useOp } from '../../api/ops.ts';
import * as op from '../../../common/contracts/audit.ts';
import { useCan } from '../../api/session.ts';
import { listUsers } from '../../../common/contracts/identity.ts';
import type { AuditAction, AuditSubjectType } from '../../../common/audit-actions.ts';
import { formatDateTime, formatList } from '../../components/format.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { DateField } from '../../components/DateFields.tsx';

const PAGE_SIZE = 50;

export function actionLabel(action: string): string {
  const key = `audit.actions.${action}`;
  return i18next.exists(key) ? i18next.t(key) : action;
}

export function subjectLabel(type: string): string {
  const key = `audit.subjects.${type}`;
  return i18next.exists(key) ? i18next.t(key) : type;
}

/** Local calendar day boundaries as instants, so that "to" includes the whole day. */
function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [action, setAction] = useState<string | null>(null);
  const [subjectType, setSubjectType] = useState<string | null>(null);
  const [subjectIdInput, setSubjectIdInput] = useState('');
  const [subjectId] = useDebouncedValue(subjectIdInput.trim(), 400);
  const [actorUserId, setActorUserId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);

  const catalogue = useOp(op.auditCatalogue, undefined, { staleTime: Infinity });
  const canListUsers = can('users:read', 'users:manage');
  const staff = useOp(
    listUsers,
    { query: { kind: 'staff', pageSize: 200, sort: 'name' } },
    { enabled: canListUsers, staleTime: 60_000 },
  );

  const query = {
    // The filters offer the catalogue's values only.
    action: action as AuditAction | null,
    subjectType: subjectType as AuditSubjectType | null,
    subjectId,
    actorUserId,
    from: dayStart(from),
    to: dayEnd(to),
    page,
    pageSize: PAGE_SIZE,
  };
  const events = useOp(op.listAuditEvents, { query }, { placeholderData: keepPreviousData });

  function reset<T>(setter: (v: T) => void) {
    return (value: T) => {
      setter(value);
      setPage(1);
    };
  }

  const actions = catalogue.data?.actions ?? [...AUDIT_ACTIONS];
  const subjectTypes = catalogue.data?.subjectTypes ?? [...AUDIT_SUBJECT_TYPES];
  const filtersActive = Boolean(action || subjectType || subjectId || actorUserId || from || to);

  function clearFilters() {
    setAction(null);
    setSubjectType(null);
    setSubjectIdInput('');
    setActorUserId(null);
    setFrom('');
    setTo('');
    setPage(1);
  }

  let body;
  if (events.isPending) body = <InlineLoader />;
  else if (events.error) body = <LoadError problem={toProblem(events.error)} onRetry={() => void events.refetch()} />;
  else if (events.data.items.length === 0) {
    body = filtersActive ? (
      <Empty
        title={t('admin.audit.noMatch')}
        description={t('common.noMatchText')}
        action={
          <Button variant="default" onClick={clearFilters}>
            {t('common.clearFilters')}
          </Button>
        }
      />
    ) : (
      <Empty title={t('admin.audit.empty')} />
    );
  } else {
    body = (
      <>
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="xs" striped data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.audit.at')}</Table.Th>
                <Table.Th>{t('admin.audit.actor')}</Table.Th>
                <Table.Th>{t('admin.audit.action')}</Table.Th>
                <Table.Th>{t('admin.audit.subject')}</Table.Th>
                <Table.Th>{t('admin.audit.details')}</Table.Th>
                <Table.Th>{t('admin.audit.requestId')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {e.actor ? (
                      e.actor.name
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t(`admin.audit.actorKinds.${e.actorKind}`, { defaultValue: e.actorKind })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="outline"
                      color={e.action.includes('failed') || e.action.includes('locked') ? 'red.8' : 'indigo.8'}
                    >
                      {actionLabel(e.action)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm">{subjectLabel(e.subjectType)}</Text>
                      {e.subjectId ? (
                        <Tooltip label={e.subjectId}>
                          <ActionIcon
                            variant="subtle"
                            size="sm"
                            color="gray.8"
                            aria-label={t('admin.audit.filterSubject')}
                            onClick={() => {
                              setSubjectType(e.subjectType);
                              setSubjectIdInput(e.subjectId ?? '');
                              setPage(1);
                            }}
                          >
                            <IconFilter size={14} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {e.fields.length > 0 ? (
                        <Text size="xs">{t('admin.audit.fields', { fields: formatList(e.fields) })}</Text>
                      ) : null}
                      {e.purpose ? <Text size="xs">{t('admin.audit.purpose', { purpose: e.purpose })}</Text> : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" className="ltr" ff="monospace">
                      {e.requestId ? e.requestId.slice(0, 8) : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={events.data} onChange={setPage} />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('admin.audit.title')} description={t('admin.audit.description')} />
      <FilterPanel active={[action, subjectType, subjectId, actorUserId, from, to].filter(Boolean).length}>
        <Select
          label={t('admin.audit.action')}
          data={actions.map((a) => ({ value: a, label: actionLabel(a) }))}
          value={action}
          onChange={reset(setAction)}
          clearable
          searchable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('admin.audit.subjectType')}
          data={subjectTypes.map((s) => ({ value: s, label: subjectLabel(s) }))}
          value={subjectType}
          onChange={reset(setSubjectType)}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 180 }}
        />
        <TextInput
          label={t('admin.audit.subjectId')}
          value={subjectIdInput}
          onChange={(e) => {
            setSubjectIdInput(e.currentTarget.value);
            setPage(1);
          }}
          classNames={{ input: 'ltr' }}
          w={{ base: '100%', sm: 220 }}
        />
        {canListUsers ? (
          <Select
            label={t('admin.audit.actor')}
            data={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
            value={actorUserId}
            onChange={reset(setActorUserId)}
            clearable
            searchable
            placeholder={t('common.all')}
            w={{ base: '100%', sm: 220 }}
          />
        ) : null}
        <DateField
          filter
          label={t('common.from')}
          value={from}
          onChange={(v) => {
            setFrom(v);
            setPage(1);
          }}
          w={{ base: '100%', sm: 160 }}
        />
        <DateField
          filter
          label={t('common.to')}
          value={to}
          onChange={(v) => {
            setTo(v);
            setPage(1);
          }}
          w={{ base: '100%', sm: 160 }}
        />
        {filtersActive ? (
          <Button variant="subtle" onClick={clearFilters}>
            {t('common.clearFilters')}
          </Button>
        ) : null}
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
