import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BACKGROUND_EXPORT_KINDS, EXPORT_FORMATS, ISCO_LEVELS } from '../../../common/contracts/indicators.ts';
import { BREAKDOWNS } from '../../../common/indicators.ts';

type Field = 'kind' | 'format' | 'rows' | 'level';

/** What a form's `getInputProps` gives a field (Mantine's form), for the option fields below. */
type InputProps = (field: Field) => object;

/**
 * The options of an export, shared by a one-off background export and a monthly report: what (the indicators
 * or the labour market) and in which format (no SDMX for the labour market).
 */
export function ExportKindAndFormat({
  kind,
  inputProps,
  kindTestId,
}: {
  kind: (typeof BACKGROUND_EXPORT_KINDS)[number];
  inputProps: InputProps;
  kindTestId?: string;
}) {
  const { t } = useTranslation();
  const E = (k: string) => t(`indicatorsUi.exports.${k}`);
  return (
    <>
      <Select
        label={E('kind')}
        allowDeselect={false}
        data={BACKGROUND_EXPORT_KINDS.map((k) => ({ value: k, label: E(`kinds.${k}`) }))}
        {...inputProps('kind')}
        data-testid={kindTestId}
      />
      <Select
        label={E('format')}
        allowDeselect={false}
        data={EXPORT_FORMATS.filter((f) => kind === 'indicators' || f !== 'sdmx').map((f) => ({
          value: f,
          label: E(`formats.${f}`),
        }))}
        {...inputProps('format')}
      />
    </>
  );
}

/** The rows of the indicators' tables, or the ISCO level of the labour market's. */
export function ExportBreakdown({
  kind,
  inputProps,
}: {
  kind: (typeof BACKGROUND_EXPORT_KINDS)[number];
  inputProps: InputProps;
}) {
  const { t } = useTranslation();
  const E = (k: string) => t(`indicatorsUi.exports.${k}`);
  return kind === 'indicators' ? (
    <Select
      label={E('rows')}
      allowDeselect={false}
      data={BREAKDOWNS.map((b) => ({ value: b, label: t(`indicators.breakdowns.${b}`) }))}
      {...inputProps('rows')}
    />
  ) : (
    <Select
      label={E('level')}
      allowDeselect={false}
      data={ISCO_LEVELS.map((l) => ({ value: l, label: t(`indicatorsUi.labour.levels.${l}`) }))}
      {...inputProps('level')}
    />
  );
}
