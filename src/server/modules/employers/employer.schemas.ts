import { Type, type TSchema } from 'typebox';
import { HttpUrl } from '../../lib/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

/**
 * An employer's fields as staff send them. Declared apart from the routes because the import checks each
 * row against the very body schema of POST /employers (`EmployerCreate`), as POST /vacancies' rows are
 * checked against the vacancies contract's `VacancyCreate`.
 */
export const EmployerFields = {
  legalName: Type.String({ minLength: 2, maxLength: 300 }),
  tradeName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  taxKind: Literals(['vkn', 'tckn']),
  taxNumber: Type.String({ pattern: '^\\s*\\d{10,11}\\s*$' }),
  sgkWorkplaceNumber: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  naceCode: Type.String({ pattern: '^\\d{2}(\\.?\\d{1,2}(\\.?\\d{1,2})?)?$' }),
  workerCount: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  isPublic: Type.Optional(Type.Boolean()),
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.String({ minLength: 2, maxLength: 60 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500, text: 'multiline' }))),
  website: Type.Optional(Nullable(HttpUrl())),
  acceptTerms: Type.Optional(Type.Boolean()),
};

/** The body of POST /employers, and of each row of an employer import. */
export const EmployerCreate = Type.Object(EmployerFields, { additionalProperties: false });
