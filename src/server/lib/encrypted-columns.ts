/**
 * Every column that holds data sealed with `encrypt()` (KOPRU_DATA_KEY) or a `blindIndex()`
 * (KOPRU_INDEX_KEY), in one list: the key rotation (`kopru keys rotate`, lib/key-rotation.ts) re-seals and
 * re-indexes exactly these. A module that adds an encrypted column or a blind index adds its entry here;
 * encrypted-columns.test.ts fails on a `*_enc` column or an `encrypt(` assignment that is not listed.
 */

import { legalTagInput, registeredTagInput, type MatchingFeatures } from './matching-tags.ts';

/** Opens a ciphertext with the keys of the rotation (the old key or the new one). */
export type Open = (sealed: string) => string;

export interface EncryptedColumnSet {
  /** A stable name, the key of the rotation's progress. */
  name: string;
  /** The module that owns the table (ownership.ts). */
  owner: string;
  table: string;
  /** The primary key, in order, with each column's SQL type: the rotation walks the table in this order. */
  key: readonly { column: string; type: 'uuid' | 'text' | 'integer' }[];
  /** Text columns holding one ciphertext each (or null). */
  sealed: readonly string[];
  /** A jsonb column holding an array of objects whose `field` holds a ciphertext (or null). */
  sealedInJson?: { column: string; field: string };
  /** A blind index and how to compute its input from the row (other columns read, the opener). */
  index?: {
    column: string;
    reads: readonly string[];
    input: (row: Record<string, unknown>, open: Open) => string | null;
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const ENCRYPTED_COLUMNS: readonly EncryptedColumnSet[] = [
  {
    // ID numbers of persons (TCKN, YKN, passport) and their blind index of "kind:number".
    name: 'persons.id-number',
    owner: 'people',
    table: 'persons',
    key: [{ column: 'id', type: 'uuid' }],
    sealed: ['id_number_enc'],
    index: {
      column: 'id_number_index',
      reads: ['id_kind', 'id_number_enc'],
      input: (row, open) => {
        const kind = text(row.id_kind);
        const sealed = text(row.id_number_enc);
        return kind && sealed ? `${kind}:${open(sealed)}` : null;
      },
    },
  },
  {
    // Special-category and protection-status details of target-group memberships.
    name: 'person-target-groups.details',
    owner: 'people',
    table: 'person_target_groups',
    key: [
      { column: 'person_id', type: 'uuid' },
      { column: 'group', type: 'text' },
    ],
    sealed: ['details_enc'],
  },
  {
    // The restricted matching features (people/facts/matching-features.service.ts): the facts sealed, and
    // the blind index of the right to work, registration province and accessibility need computed from them.
    name: 'person-matching-features.legal',
    owner: 'people',
    table: 'person_matching_features',
    key: [{ column: 'person_id', type: 'uuid' }],
    sealed: ['features_enc'],
    index: {
      column: 'legal_tag',
      reads: ['features_enc'],
      input: (row, open) => {
        const sealed = text(row.features_enc);
        return sealed ? legalTagInput(JSON.parse(open(sealed)) as MatchingFeatures) : null;
      },
    },
  },
  {
    // …and the blind index of the registration date of people under protection.
    name: 'person-matching-features.registered',
    owner: 'people',
    table: 'person_matching_features',
    key: [{ column: 'person_id', type: 'uuid' }],
    sealed: [],
    index: {
      column: 'registered_tag',
      reads: ['features_enc'],
      input: (row, open) => {
        const sealed = text(row.features_enc);
        return sealed ? registeredTagInput(JSON.parse(open(sealed)) as MatchingFeatures) : null;
      },
    },
  },
  {
    // Rows of an import file waiting to be imported (ID numbers, contact details).
    name: 'import-job-rows.input',
    owner: 'people',
    table: 'import_job_rows',
    key: [
      { column: 'job_id', type: 'uuid' },
      { column: 'row', type: 'integer' },
    ],
    sealed: ['input_enc'],
  },
  {
    // TOTP secrets of two-factor sign-in.
    name: 'users.totp-secret',
    owner: 'identity',
    table: 'users',
    key: [{ column: 'id', type: 'uuid' }],
    sealed: ['totp_secret_enc'],
  },
  {
    // Employers' tax numbers: a sole trader's ID number sealed, a company's VKN in clear; both indexed.
    name: 'employers.tax-number',
    owner: 'employers',
    table: 'employers',
    key: [{ column: 'id', type: 'uuid' }],
    sealed: ['tax_number_enc'],
    index: {
      column: 'tax_number_index',
      reads: ['tax_kind', 'tax_number', 'tax_number_enc'],
      input: (row, open) => {
        const kind = text(row.tax_kind);
        const clear = text(row.tax_number);
        const sealed = text(row.tax_number_enc);
        const number = clear ?? (sealed ? open(sealed) : null);
        return kind && number ? `${kind}:${number}` : null;
      },
    },
  },
  {
    // Changes an employer asked for through the portal, waiting for the office (may name a tax number).
    name: 'employer-change-requests.changes',
    owner: 'employers',
    table: 'employer_change_requests',
    key: [{ column: 'id', type: 'uuid' }],
    sealed: ['changes_enc'],
  },
  {
    // Answers to special-category survey questions (e.g. COVID-19 illness), given with explicit consent.
    name: 'survey-responses.special',
    owner: 'surveys',
    table: 'survey_responses',
    key: [{ column: 'id', type: 'uuid' }],
    sealed: ['special_enc'],
  },
];
