import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import * as op from '../../../common/contracts/identity.ts';
import type { Session } from '../../../common/contracts/identity.ts';
import { formatDateTime } from '../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError } from '../../components/ui.tsx';

/** "Chrome · Windows" from a user-agent string; product names need no translation. */
export function describeAgent(agent: string | null): string | null {
  if (!agent) return null;
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /OPR\//.test(agent)
      ? 'Opera'
      : /Firefox\//.test(agent)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(agent)
          ? 'Chrome'
          : /Safari\//.test(agent)
            ? 'Safari'
            : null;
  const os = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : null;
  const parts = [browser, os].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : agent.slice(0, 60);
}

export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useOp(op.listSessions, undefined);
  const [revoking, setRevoking] = useState<Session | 'others' | null>(null);
  const revokeOne = useOpMutation(op.revokeSession, { invalidates: ['/me/sessions'] });
  const revokeOthers = useOpMutation(op.revokeOtherSessions, { invalidates: ['/me/sessions'] });

  async function revoke() {
    if (!revoking) return;
    try {
      if (revoking === 'others') {
        const result = await revokeOthers.mutateAsync({});
        notifySuccess(t('sessions.revokedOthers', { revoked: result.revoked }));
      } else {
        await revokeOne.mutateAsync({ params: { id: revoking.id } });
        notifySuccess(t('sessions.revoked'));
      }
      setRevoking(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  let body;
  if (sessions.isPending) body = <InlineLoader />;
  else if (sessions.error)
    body = <LoadError problem={toProblem(sessions.error)} onRetry={() => void sessions.refetch()} />;
  else if (sessions.data.items.length === 0) body = <Empty title={t('sessions.empty')} />;
  else {
    const others = sessions.data.items.filter((s) => !s.current).length;
    body = (
      <Stack>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.device')}</Table.Th>
                <Table.Th>{t('sessions.method')}</Table.Th>
                <Table.Th>{t('sessions.started')}</Table.Th>
                <Table.Th>{t('sessions.lastSeen')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text size="sm">{describeAgent(s.userAgent) ?? t('sessions.unknownDevice')}</Text>
                        {s.current ? (
                          <Badge size="sm" color="teal.8" variant="filled">
                            {t('sessions.current')}
                          </Badge>
                        ) : null}
                      </Group>
                      {s.ip ? (
                        <Text size="xs" c="dimmed" className="ltr">
                          {s.ip}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{t(`sessions.methods.${s.method}`, { defaultValue: s.method })}</Table.Td>
                  <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {s.current ? null : (
                      <Button size="xs" variant="subtle" color="red.8" onClick={() => setRevoking(s)}>
                        {t('sessions.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {others > 0 ? (
          <Group>
            <Button variant="default" color="red.8" onClick={() => setRevoking('others')}>
              {t('sessions.revokeOthers')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('sessions.onlyThis')}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-title">
      <Title order={2} size="h4" id="sessions-title" mb="xs">
        {t('sessions.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('sessions.description')}
      </Text>
      {body}
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking === 'others' ? t('sessions.revokeOthers') : t('sessions.revoke')}
        message={revoking === 'others' ? t('sessions.revokeOthersConfirm') : t('sessions.revokeConfirm')}
        confirmLabel={revoking === 'others' ? t('sessions.revokeOthers') : t('sessions.revoke')}
        danger
        loading={revokeOne.isPending || revokeOthers.isPending}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      />
    </Card>
  );
}
