import { useState, type ReactNode } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Box,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  ISCO_LEVELS,
  labourMarket,
  labourMarketExport,
  type LabourMarket,
  type TableCell,
} from '../../../common/contracts/indicators.ts';
import { opHref, useOp } from '../../api/ops.ts';
import { formatDate, formatMoney, formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { MonthField } from '../../components/DateFields.tsx';
import { cellText, monthsBack, thisMonth } from './cells.ts';

type Level = (typeof ISCO_LEVELS)[number];

/** A bar as wide as `value` is of `max` (hidden cells draw none); it follows the reading direction. */
function Bar({ value, max, color }: { value: number | null; max: number; color: string }) {
  if (value === null || max <= 0) return null;
  return (
    <Box
      aria-hidden
      h={8}
      mt={4}
      bg={color}
      style={{ width: `${Math.max(value > 0 ? 2 : 0, (100 * value) / max)}%`, borderRadius: 2 }}
    />
  );
}

/** A figure with its bar below: positions (indigo) and job seekers (teal) read side by side. */
function Figure({ cell, max, color }: { cell: TableCell; max: number; color: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" ta="end">
        {cell.flag === 'suppressed' ? t('indicatorsUi.suppressedCell') : cellText(cell, 'count', t)}
      </Text>
      <Bar value={cell.value} max={max} color={color} />
    </>
  );
}

const exact = (n: number): TableCell => ({ value: n, flag: null });

function Section({
  title,
  hint,
  testId,
  empty,
  emptyText,
  children,
}: {
  title: string;
  hint?: string;
  testId: string;
  empty: boolean;
  emptyText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {hint ? (
        <Text size="xs" c="dimmed" mb="sm">
          {hint}
        </Text>
      ) : null}
      {empty ? (
        <Empty title={emptyText ?? t('indicatorsUi.labour.empty')} />
      ) : (
        <Table.ScrollContainer
          minWidth={520}
          // A region that scrolls sideways (the half-width cards) must be reachable by keyboard.
          scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': title } }}
        >
          {children}
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function Occupations({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.occupations.flatMap((o) => [o.positions, o.seekers.value ?? 0]));
  return (
    <Section
      title={t('indicatorsUi.labour.occupations')}
      hint={`${t('indicatorsUi.labour.occupationsHint')} ${t('indicatorsUi.labour.wageHidden')}`}
      testId="lm-occupations"
      empty={data.occupations.length === 0}
    >
      <Table striped withTableBorder aria-label={t('indicatorsUi.labour.occupations')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicatorsUi.labour.occupation')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.vacancies')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.positions')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.unfilled')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.seekers')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.medianWage')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.occupations.map((o) => (
            <Table.Tr key={o.code} data-testid={`lm-occupation-${o.code}`}>
              <Table.Td>{o.label}</Table.Td>
              <Table.Td ta="end">{formatNumber(o.vacancies)}</Table.Td>
              <Table.Td w={140}>
                <Figure cell={exact(o.positions)} max={max} color="indigo.7" />
              </Table.Td>
              <Table.Td ta="end">{formatNumber(o.unfilled)}</Table.Td>
              <Table.Td w={140}>
                <Figure cell={o.seekers} max={max} color="teal.8" />
              </Table.Td>
              <Table.Td ta="end">
                {o.medianWage === null ? t('indicatorsUi.notApplicable') : formatMoney(o.medianWage)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Skills({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.skills.flatMap((s) => [s.positions, s.seekers.value ?? 0]));
  return (
    <Section
      title={t('indicatorsUi.labour.skills')}
      hint={data.skills.length > 0 ? t('indicatorsUi.labour.skillsHint', { count: data.skills.length }) : undefined}
      testId="lm-skills"
      empty={data.skills.length === 0}
      emptyText={t('indicatorsUi.labour.skillsEmpty')}
    >
      <Table striped withTableBorder aria-label={t('indicatorsUi.labour.skills')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicatorsUi.labour.skill')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.vacancies')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.positions')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.seekers')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.skills.map((s) => (
            <Table.Tr key={s.skillId}>
              <Table.Td>{s.label}</Table.Td>
              <Table.Td ta="end">{formatNumber(s.vacancies)}</Table.Td>
              <Table.Td w={140}>
                <Figure cell={exact(s.positions)} max={max} color="indigo.7" />
              </Table.Td>
              <Table.Td w={140}>
                <Figure cell={s.seekers} max={max} color="teal.8" />
              </Table.Td>
              <Table.Td>
                {s.scarce === null ? (
                  <Badge variant="light" color="gray">
                    {t('indicatorsUi.labour.unknownScarcity')}
                  </Badge>
                ) : s.scarce ? (
                  <Badge variant="light" color="orange">
                    {t('indicatorsUi.labour.scarce')}
                  </Badge>
                ) : (
                  <Badge variant="light" color="teal">
                    {t('indicatorsUi.labour.enough')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Districts({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.districts.flatMap((d) => [d.positions, d.seekers.value ?? 0]));
  return (
    <Section title={t('indicatorsUi.labour.districts')} testId="lm-districts" empty={data.districts.length === 0}>
      <Table striped withTableBorder aria-label={t('indicatorsUi.labour.districts')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicatorsUi.labour.district')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.positions')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.seekers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.districts.map((d) => (
            <Table.Tr key={`${d.province}/${d.district}`}>
              <Table.Td>
                {d.district} / {d.province}
              </Table.Td>
              <Table.Td w={160}>
                <Figure cell={exact(d.positions)} max={max} color="indigo.7" />
              </Table.Td>
              <Table.Td w={160}>
                <Figure cell={d.seekers} max={max} color="teal.8" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Contracts({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  return (
    <Section title={t('indicatorsUi.labour.contracts')} testId="lm-contracts" empty={data.contracts.length === 0}>
      <Table striped withTableBorder aria-label={t('indicatorsUi.labour.contracts')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicatorsUi.labour.contract')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.vacancies')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.positions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.contracts.map((c) => (
            <Table.Tr key={c.contractType}>
              <Table.Td>{t(`vacancies.contractTypes.${c.contractType}`)}</Table.Td>
              <Table.Td ta="end">{formatNumber(c.vacancies)}</Table.Td>
              <Table.Td ta="end">{formatNumber(c.positions)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Sectors({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.sectors.map((s) => s.hires.value ?? 0));
  return (
    <Section title={t('indicatorsUi.labour.sectors')} testId="lm-sectors" empty={data.sectors.length === 0}>
      <Table striped withTableBorder aria-label={t('indicatorsUi.labour.sectors')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicatorsUi.labour.sector')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.hires')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.sectors.map((s) => (
            <Table.Tr key={s.section}>
              <Table.Td>{s.label}</Table.Td>
              <Table.Td w={180}>
                <Figure cell={s.hires} max={max} color="indigo.7" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Months({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.months.flatMap((m) => [m.positions, m.registrations.value ?? 0]));
  return (
    <Section title={t('indicatorsUi.labour.months')} testId="lm-months" empty={data.months.length === 0}>
      <Table striped withTableBorder aria-label={t('indicatorsUi.labour.months')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicatorsUi.labour.month')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.vacancies')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.positions')}</Table.Th>
            <Table.Th ta="end">{t('indicatorsUi.labour.registrations')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.months.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>
                {formatDate(`${m.month}-01`, { dateStyle: undefined, year: 'numeric', month: 'long' })}
              </Table.Td>
              <Table.Td ta="end">{formatNumber(m.vacancies)}</Table.Td>
              <Table.Td w={160}>
                <Figure cell={exact(m.positions)} max={max} color="indigo.7" />
              </Table.Td>
              <Table.Td w={160}>
                <Figure cell={m.registrations} max={max} color="teal.8" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Totals({ data }: { data: LabourMarket }) {
  const { t } = useTranslation();
  const items: [string, string][] = [
    [t('indicatorsUi.labour.vacancies'), formatNumber(data.totals.vacancies)],
    [t('indicatorsUi.labour.positions'), formatNumber(data.totals.positions)],
    [t('indicatorsUi.labour.unfilled'), formatNumber(data.totals.unfilled)],
    [t('indicatorsUi.labour.seekers'), cellText(data.totals.seekers, 'count', t)],
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="lm-totals">
      {items.map(([label, value]) => (
        <Card withBorder key={label}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text size="xl" fw={700}>
            {value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Labour-market insights for managers and analysts: demand from vacancies against supply from registrations. */
export function LabourMarketPage() {
  const { t } = useTranslation();
  const [to, setTo] = useState(thisMonth());
  const [from, setFrom] = useState(monthsBack(thisMonth(), 11));
  const [level, setLevel] = useState<Level>('1');
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const q = useOp(labourMarket, { query: { from, to, level } }, { placeholderData: keepPreviousData, enabled: valid });

  let body;
  if (!valid) body = null;
  else if (q.isPending) body = <InlineLoader />;
  else if (q.error) body = <LoadError problem={toProblem(q.error)} onRetry={() => void q.refetch()} />;
  else {
    const data = q.data;
    body = (
      <>
        <Text size="xs" c="dimmed">
          {t('indicatorsUi.labour.seekersOn', { date: formatDate(data.seekersOn) })}{' '}
          {data.threshold === null
            ? t('indicatorsUi.exact')
            : t('indicatorsUi.suppressedLegend', { threshold: data.threshold })}
        </Text>
        <Totals data={data} />
        <Occupations data={data} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Skills data={data} />
          <Districts data={data} />
          <Sectors data={data} />
          <Contracts data={data} />
        </SimpleGrid>
        <Months data={data} />
      </>
    );
  }

  return (
    <Stack>
      <PageHeader
        title={t('indicatorsUi.labour.title')}
        description={t('indicatorsUi.labour.description')}
        actions={
          <Anchor
            href={opHref(labourMarketExport, { query: { from, to, level, format: 'xlsx' } })}
            download
            data-testid="lm-download-xlsx"
          >
            <Group gap={4}>
              <IconDownload size={16} aria-hidden />
              {t('indicatorsUi.download')}
            </Group>
          </Anchor>
        }
      />
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <MonthField
            label={t('indicatorsUi.from')}
            value={from}
            onChange={setFrom}
            error={valid ? undefined : t('errors.indicators.rangeOrder')}
          />
          <MonthField label={t('indicatorsUi.to')} value={to} onChange={setTo} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="lm-level-label">
              {t('indicatorsUi.labour.level')}
            </Text>
            <SegmentedControl
              aria-labelledby="lm-level-label"
              value={level}
              onChange={(v) => setLevel(v)}
              data={ISCO_LEVELS.map((l) => ({ value: l, label: t(`indicatorsUi.labour.levels.${l}`) }))}
              data-testid="lm-level"
            />
          </Stack>
        </Group>
      </Card>
      {body}
    </Stack>
  );
}
