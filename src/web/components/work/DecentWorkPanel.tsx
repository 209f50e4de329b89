import { Badge, Card, Group, List, Loader, Mark, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldOfPointer } from '../../api/client.ts';
import { ruleMessage } from './labels.ts';
import type { RuleFlag, RuleViolation } from '../../../common/contracts/vacancies.ts';

export interface PanelResult {
  violations: RuleViolation[];
  wordingFlags: RuleFlag[];
  /** False while the wage, hours or start date are missing: the rules cannot be checked yet. */
  complete?: boolean;
}

/**
 * The decent-work check beside the vacancy form: each failing rule with its field and explanation,
 * each flagged phrase with its excerpt and the justification it needs. `source` says whether the
 * result is the browser's preview of unsaved changes or the server's check of the saved vacancy.
 */
export function DecentWorkPanel({
  result,
  source,
  loading,
  labels,
  justified,
}: {
  result: PanelResult | null;
  source: 'live' | 'saved';
  loading?: boolean;
  labels: Record<string, string>;
  justified: boolean;
}) {
  const { t } = useTranslation();
  const violations = result?.violations ?? [];
  const flags = result?.wordingFlags ?? [];
  const incomplete = result !== null && result.complete === false;
  const clean = result !== null && !incomplete && violations.length === 0 && flags.length === 0;
  const fieldOf = (pointer: string) => labels[fieldOfPointer(pointer)];

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="decent-work-title"
      // While the live check runs, assistive technology is told the verdict below is being replaced.
      aria-busy={loading}
      data-testid="decent-work-panel"
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon variant="light" color="indigo" aria-hidden>
            <IconScale size={18} />
          </ThemeIcon>
          <Title order={2} size="h4" id="decent-work-title">
            {t('decentWorkUi.panelTitle')}
          </Title>
          {loading ? <Loader size="xs" aria-hidden /> : null}
        </Group>
        <Text size="sm" c="dimmed">
          {source === 'live' ? t('decentWorkUi.livePreview') : t('decentWorkUi.savedCheck')}
        </Text>
        <div aria-live="polite">
          {result === null || (incomplete && violations.length === 0 && flags.length === 0) ? (
            <Text size="sm">{t('decentWorkUi.notYet')}</Text>
          ) : clean ? (
            <Group gap="xs" wrap="nowrap" data-testid="decent-work-ok">
              <IconCircleCheck size={20} color="var(--mantine-color-teal-9)" aria-hidden />
              <Text size="sm" fw={600} c="teal.9">
                {t('decentWorkUi.allPass')}
              </Text>
            </Group>
          ) : (
            <Text size="sm" fw={600}>
              {t('decentWorkUi.summary', { rules: violations.length, flags: flags.length })}
            </Text>
          )}
        </div>
        {violations.length > 0 ? (
          <List spacing="xs" size="sm" center={false} data-testid="decent-work-violations">
            {violations.map((v, i) => (
              <List.Item
                key={`${v.code}-${v.pointer}-${i}`}
                icon={<IconCircleX size={18} color="var(--mantine-color-red-9)" aria-hidden />}
                data-rule={v.rule}
              >
                <Text size="sm" fw={700}>
                  {t(`decentWorkUi.rules.${v.rule}`, { defaultValue: v.rule })}
                </Text>
                {fieldOf(v.pointer) ? (
                  <Text size="xs" c="dimmed">
                    {t('decentWorkUi.onField', { field: fieldOf(v.pointer) })}
                  </Text>
                ) : null}
                <Text size="sm">{ruleMessage(v)}</Text>
              </List.Item>
            ))}
          </List>
        ) : null}
        {flags.length > 0 ? (
          <Stack gap="xs" data-testid="wording-flags">
            <Text size="sm" fw={700}>
              {t('decentWorkUi.wordingTitle')}
            </Text>
            <List spacing="xs" size="sm" center={false}>
              {flags.map((f, i) => (
                <List.Item
                  key={`${f.pointer}-${f.ground}-${i}`}
                  icon={<IconAlertTriangle size={18} color="var(--mantine-color-orange-9)" aria-hidden />}
                  data-testid="wording-flag"
                >
                  <Group gap={6} wrap="wrap">
                    <Badge color="#b7410e" variant="outline" size="sm">
                      {t(`decentWorkUi.grounds.${f.ground}`, { defaultValue: f.ground })}
                    </Badge>
                    <Mark color="orange.1" px={4}>
                      {f.excerpt}
                    </Mark>
                    {fieldOf(f.pointer) ? (
                      <Text size="xs" c="dimmed" span>
                        {t('decentWorkUi.onField', { field: fieldOf(f.pointer) })}
                      </Text>
                    ) : null}
                  </Group>
                  <Text size="sm">
                    {ruleMessage({
                      code: f.code,
                      params: { excerpt: f.excerpt },
                      ...(f.message ? { message: f.message } : {}),
                    })}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Text size="sm" c={justified ? 'teal.9' : '#b7410e'} fw={600}>
              {justified ? t('decentWorkUi.justified') : t('decentWorkUi.needsJustification')}
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
