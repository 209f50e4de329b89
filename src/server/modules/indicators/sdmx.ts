/**
 * SDMX for the indicators (issue 16): the data structure definition (DSD) with its code lists, written
 * from the catalogue and shipped as `sdmx/KOPRU_PES_INDICATORS-1.0.xml` (a test keeps the file equal to
 * what this writes), and SDMX-CSV 1.0 data against it: one observation per released cell, dimensions
 * not broken down given as `_T` (total), suppressed cells with an empty value and CONF_STATUS C.
 */
import { TARGET_GROUPS } from '../../../common/enums.ts';
import { AGE_BANDS, INDICATORS, OCCUPATION_GROUPS, monthsBetween, type Breakdown } from '../../../common/indicators.ts';
import type { ReleasedTable, TableCell } from '../../../common/contracts/indicators.ts';

export const SDMX_AGENCY = 'KOPRU';
export const SDMX_DSD = 'DSD_PES_INDICATORS';
export const SDMX_DATAFLOW = 'DF_PES_INDICATORS';
export const SDMX_VERSION = '1.0';
export const SDMX_DATAFLOW_REF = `${SDMX_AGENCY}:${SDMX_DATAFLOW}(${SDMX_VERSION})`;
export const SDMX_CONTENT_TYPE = 'application/vnd.sdmx.data+csv; version=1.0; charset=utf-8';

/** Dimensions in the order of the DSD (TIME_PERIOD last, as SDMX wants it). */
export const SDMX_DIMENSIONS = [
  'INDICATOR',
  'SEX',
  'AGE',
  'TARGET_GROUP',
  'PROVINCE',
  'DISTRICT',
  'OFFICE',
  'OCCUPATION',
  'TIME_PERIOD',
] as const;
export const SDMX_ATTRIBUTES = ['UNIT_MEASURE', 'OBS_STATUS', 'CONF_STATUS'] as const;

const AGE_CODES: Record<string, string> = {
  'under-15': 'Y_LT15',
  '15-17': 'Y15T17',
  '18-24': 'Y18T24',
  '25-29': 'Y25T29',
  '30-44': 'Y30T44',
  '45-54': 'Y45T54',
  '55+': 'Y_GE55',
};
const SEX_CODES: Record<string, string> = { female: 'F', male: 'M' };
const UNIT_CODES: Record<string, string> = {
  persons: 'PS',
  households: 'HOUSEHOLDS',
  cases: 'CASES',
  referrals: 'REFERRALS',
  placements: 'PLACEMENTS',
  enrolments: 'ENROLMENTS',
  percent: 'PT',
  days: 'DAYS',
  try: 'TRY',
};
const targetGroupCode = (g: string) => g.toUpperCase().replace(/-/g, '_');
const occupationCode = (o: string) => (o === 'unknown' ? '_U' : `ISCO08_${o}`);

/** Which SDMX dimension a breakdown fills, and the code of its value. */
function sdmxValue(b: Breakdown, value: string): [string, string] {
  switch (b) {
    case 'sex':
      return ['SEX', SEX_CODES[value] ?? value];
    case 'ageBand':
      return ['AGE', AGE_CODES[value] ?? value];
    case 'targetGroup':
      return ['TARGET_GROUP', targetGroupCode(value)];
    case 'province':
      return ['PROVINCE', value];
    case 'district':
      return ['DISTRICT', value];
    case 'office':
      return ['OFFICE', value];
    case 'occupation':
      return ['OCCUPATION', occupationCode(value)];
    case 'year':
    case 'quarter':
    case 'month':
      return ['TIME_PERIOD', value];
  }
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** SDMX-CSV 1.0: a header of component ids, then one line per observation (comma, UTF-8, CRLF). */
export function sdmxCsv(tables: readonly ReleasedTable[]): string {
  const header = ['DATAFLOW', ...SDMX_DIMENSIONS, 'OBS_VALUE', ...SDMX_ATTRIBUTES];
  const lines = [header.join(',')];
  for (const table of tables) {
    const months = monthsBetween(table.from, table.to);
    // Without a period breakdown: the whole range (a flow), or its last month (a stock).
    const wholeRange = table.kind === 'stock' ? table.to : `${table.from}-01/P${months.length}M`;
    const unit = UNIT_CODES[table.unit] ?? table.unit;
    const emit = (coords: [Breakdown, string][], cell: TableCell) => {
      const dims: Record<string, string> = { INDICATOR: table.indicator, TIME_PERIOD: wholeRange };
      for (const [b, v] of coords) {
        const [dim, code] = sdmxValue(b, v);
        dims[dim] = code;
      }
      const row = [
        SDMX_DATAFLOW_REF,
        ...SDMX_DIMENSIONS.map((d) => dims[d] ?? '_T'),
        cell.value === null ? '' : String(cell.value),
        unit,
        cell.flag === 'not-applicable' ? 'M' : cell.flag === 'suppressed' ? 'M' : 'A',
        cell.flag === 'suppressed' ? 'C' : 'F',
      ];
      lines.push(row.map(csvField).join(','));
    };
    for (const line of [...table.lines, table.total]) {
      const rowCoords: [Breakdown, string][] = line.key === '_T' ? [] : [[table.rows, line.key]];
      table.columnKeys.forEach((c, i) => emit([...rowCoords, [table.columns!, c]], line.cells[i]!));
      emit(rowCoords, line.total);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---- the data structure definition -------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const names = (texts: Partial<Record<'tr' | 'en' | 'ar', string>>, tag = 'com:Name') =>
  (['en', 'tr', 'ar'] as const)
    .filter((l) => texts[l])
    .map((l) => `<${tag} xml:lang="${l}">${esc(texts[l]!)}</${tag}>`)
    .join('');

interface Code {
  id: string;
  name: Partial<Record<'tr' | 'en' | 'ar', string>>;
}

const TOTAL: Code = { id: '_T', name: { en: 'Total', tr: 'Toplam', ar: 'المجموع' } };

const GROUP_NAMES: Record<string, string> = {
  'woman-care': 'Women with care duties',
  refugee: 'Refugees and persons under protection',
  neet: 'Young people not in employment, education or training',
  roma: 'Roma',
  disability: 'Persons with disabilities',
  'social-aid': 'Social-aid recipients',
  'long-term-unemployed': 'Long-term unemployed',
  'informal-worker': 'Informal workers',
};

export const SDMX_CODELISTS: Record<string, { name: string; codes: Code[] }> = {
  CL_INDICATOR: {
    name: 'Köprü indicators',
    codes: INDICATORS.map((i) => ({ id: i.code, name: i.name })),
  },
  CL_SEX: {
    name: 'Sex',
    codes: [
      { id: 'F', name: { en: 'Female', tr: 'Kadın', ar: 'أنثى' } },
      { id: 'M', name: { en: 'Male', tr: 'Erkek', ar: 'ذكر' } },
      TOTAL,
    ],
  },
  CL_AGE: {
    name: 'Age band',
    codes: [
      { id: 'Y_LT15', name: { en: 'Under 15 years' } },
      ...AGE_BANDS.map((b) => ({ id: AGE_CODES[b]!, name: { en: `${b} years` } })),
      TOTAL,
    ],
  },
  CL_TARGET_GROUP: {
    name: 'Target group',
    codes: [...TARGET_GROUPS.map((g) => ({ id: targetGroupCode(g), name: { en: GROUP_NAMES[g] ?? g } })), TOTAL],
  },
  CL_OCCUPATION: {
    name: 'Occupation (ISCO-08 major group)',
    codes: [
      ...OCCUPATION_GROUPS.map((o) => ({
        id: occupationCode(o),
        name: { en: o === 'unknown' ? 'Not coded' : `ISCO-08 major group ${o}` },
      })),
      TOTAL,
    ],
  },
  CL_UNIT: {
    name: 'Unit of measure',
    codes: Object.entries(UNIT_CODES).map(([unit, id]) => ({ id, name: { en: unit } })),
  },
  CL_OBS_STATUS: {
    name: 'Observation status',
    codes: [
      { id: 'A', name: { en: 'Normal value' } },
      { id: 'M', name: { en: 'Missing value (suppressed or not applicable)' } },
    ],
  },
  CL_CONF_STATUS: {
    name: 'Confidentiality status',
    codes: [
      { id: 'F', name: { en: 'Free (published)' } },
      { id: 'C', name: { en: 'Confidential (small cell or secondary suppression)' } },
    ],
  },
};

/** Dimension → code list (uncoded dimensions hold text: province and district names, office ids). */
const DIMENSION_CODELIST: Record<string, string | null> = {
  INDICATOR: 'CL_INDICATOR',
  SEX: 'CL_SEX',
  AGE: 'CL_AGE',
  TARGET_GROUP: 'CL_TARGET_GROUP',
  PROVINCE: null,
  DISTRICT: null,
  OFFICE: null,
  OCCUPATION: 'CL_OCCUPATION',
};
const ATTRIBUTE_CODELIST: Record<string, string> = {
  UNIT_MEASURE: 'CL_UNIT',
  OBS_STATUS: 'CL_OBS_STATUS',
  CONF_STATUS: 'CL_CONF_STATUS',
};

const ref = (id: string, cls: string, pkg: string, version = SDMX_VERSION) =>
  `<Ref agencyID="${SDMX_AGENCY}" id="${id}" version="${version}" class="${cls}" package="${pkg}"/>`;
const conceptRef = (id: string) =>
  `<str:ConceptIdentity><Ref agencyID="${SDMX_AGENCY}" maintainableParentID="CS_PES" maintainableParentVersion="${SDMX_VERSION}" id="${id}" class="Concept" package="conceptscheme"/></str:ConceptIdentity>`;

/** The SDMX-ML 2.1 structure message: code lists, concepts, the DSD and the dataflow. */
export function sdmxStructure(): string {
  const codelists = Object.entries(SDMX_CODELISTS)
    .map(
      ([id, cl]) =>
        `<str:Codelist id="${id}" agencyID="${SDMX_AGENCY}" version="${SDMX_VERSION}"><com:Name xml:lang="en">${esc(cl.name)}</com:Name>` +
        cl.codes.map((c) => `\n      <str:Code id="${esc(c.id)}">${names(c.name)}</str:Code>`).join('') +
        '\n    </str:Codelist>',
    )
    .join('\n    ');
  const concepts = [...SDMX_DIMENSIONS, 'OBS_VALUE', ...SDMX_ATTRIBUTES]
    .map(
      (c) =>
        `<str:Concept id="${c}"><com:Name xml:lang="en">${c.replace(/_/g, ' ').toLowerCase()}</com:Name></str:Concept>`,
    )
    .join('\n      ');
  const dims = SDMX_DIMENSIONS.filter((d) => d !== 'TIME_PERIOD')
    .map((d, i) => {
      const cl = DIMENSION_CODELIST[d];
      const rep = cl
        ? `<str:LocalRepresentation><str:Enumeration>${ref(cl, 'Codelist', 'codelist')}</str:Enumeration></str:LocalRepresentation>`
        : '<str:LocalRepresentation><str:TextFormat textType="String" maxLength="200"/></str:LocalRepresentation>';
      return `<str:Dimension id="${d}" position="${i + 1}">${conceptRef(d)}${rep}</str:Dimension>`;
    })
    .join('\n          ');
  const attrs = SDMX_ATTRIBUTES.map(
    (a) =>
      `<str:Attribute id="${a}" assignmentStatus="Mandatory">${conceptRef(a)}<str:LocalRepresentation><str:Enumeration>${ref(ATTRIBUTE_CODELIST[a]!, 'Codelist', 'codelist')}</str:Enumeration></str:LocalRepresentation><str:AttributeRelationship><str:PrimaryMeasure><Ref id="OBS_VALUE"/></str:PrimaryMeasure></str:AttributeRelationship></str:Attribute>`,
  ).join('\n          ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated from src/common/indicators.ts by src/server/modules/indicators/sdmx.ts (npm run sdmx:write); do not edit by hand. -->
<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
  <mes:Header>
    <mes:ID>${SDMX_DSD}</mes:ID>
    <mes:Test>false</mes:Test>
    <mes:Prepared>2026-12-01T00:00:00</mes:Prepared>
    <mes:Sender id="${SDMX_AGENCY}"/>
  </mes:Header>
  <mes:Structures>
    <str:Codelists>
    ${codelists}
    </str:Codelists>
    <str:Concepts>
      <str:ConceptScheme id="CS_PES" agencyID="${SDMX_AGENCY}" version="${SDMX_VERSION}"><com:Name xml:lang="en">Public employment service indicators</com:Name>
      ${concepts}
      </str:ConceptScheme>
    </str:Concepts>
    <str:DataStructures>
      <str:DataStructure id="${SDMX_DSD}" agencyID="${SDMX_AGENCY}" version="${SDMX_VERSION}"><com:Name xml:lang="en">Köprü public employment service indicators</com:Name>
        <str:DataStructureComponents>
        <str:DimensionList id="DimensionDescriptor">
          ${dims}
          <str:TimeDimension id="TIME_PERIOD" position="${SDMX_DIMENSIONS.length}">${conceptRef('TIME_PERIOD')}<str:LocalRepresentation><str:TextFormat textType="ObservationalTimePeriod"/></str:LocalRepresentation></str:TimeDimension>
        </str:DimensionList>
        <str:AttributeList id="AttributeDescriptor">
          ${attrs}
        </str:AttributeList>
        <str:MeasureList id="MeasureDescriptor">
          <str:PrimaryMeasure id="OBS_VALUE">${conceptRef('OBS_VALUE')}<str:LocalRepresentation><str:TextFormat textType="Decimal"/></str:LocalRepresentation></str:PrimaryMeasure>
        </str:MeasureList>
        </str:DataStructureComponents>
      </str:DataStructure>
    </str:DataStructures>
    <str:Dataflows>
      <str:Dataflow id="${SDMX_DATAFLOW}" agencyID="${SDMX_AGENCY}" version="${SDMX_VERSION}"><com:Name xml:lang="en">Köprü public employment service indicators</com:Name>
        <str:Structure>${ref(SDMX_DSD, 'DataStructure', 'datastructure')}</str:Structure>
      </str:Dataflow>
    </str:Dataflows>
  </mes:Structures>
</mes:Structure>
`;
}
