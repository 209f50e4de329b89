/**
 * A person's fields as entered (staff form, import, self-registration): their types, and the checks and
 * normalisation (ID number, contacts, address, target groups, work history) before anything is written.
 */
import type { persons } from '../../../db/schema/index.ts';
import type { TargetGroup } from '../../../../common/enums.ts';
import type { Ctx } from '../../../lib/context.ts';
import { problems, type FieldError } from '../../../lib/errors.ts';
import { blindIndex, encrypt } from '../../../lib/crypto.ts';
import { findDistrict, findProvince } from '../../../lib/geography.ts';
import { searchKey } from '../../../../common/text.ts';
import { isValidIdNumber, maskIdNumber, normaliseIdNumber } from '../../../../common/identity-number.ts';
import { normaliseEmail, normalisePhone } from '../../../../common/contact.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import {
  ageOn,
  INFORMAL_WORK_KINDS,
  MIN_DISABILITY_PERCENT,
  MIN_REGISTRATION_AGE,
  REFUGEE_STATUSES,
  SPECIAL_GROUPS,
} from '../../../../common/people.ts';
import type { ConsentInput, PersonCreate, PersonFields, PersonPatch } from '../../../../common/contracts/people.ts';

export type PersonRow = typeof persons.$inferSelect;

// The input types are the people contract's (src/common/contracts/people.ts): one definition for the
// routes, the import's rows, self-registration and the checks below.
export type { ConsentInput, PersonCreate, PersonFields, PersonPatch };
export type TargetGroupInput = NonNullable<PersonFields['targetGroups']>[number];
export type WorkInput = NonNullable<PersonFields['workHistory']>[number];

export function canReadSpecial(ctx: Ctx): boolean {
  return ctx.actor?.permissions.has('special-category:read') ?? false;
}

export const isSpecial = (group: string) => (SPECIAL_GROUPS as readonly string[]).includes(group);

export function today(ctx: Ctx): string {
  return turkishDate(ctx.clock.now());
}

// ---- validation ------------------------------------------------------------------------------------

export interface Normalised {
  values: Partial<typeof persons.$inferInsert>;
  groups: { group: TargetGroup; details: Record<string, unknown>; detailsEnc: string | null }[] | undefined;
  work: WorkInput[] | undefined;
  idIndex: string | null | undefined;
}

function pick(details: Record<string, unknown> | undefined, key: string): unknown {
  return details?.[key];
}

/**
 * Checks the rules of RULES.md and DATA-PROTECTION.md that a schema cannot express, collecting every
 * failure with its JSON pointer. Returns column values, ready to store.
 */
export function normalisePersonFields(ctx: Ctx, input: PersonPatch, existing: PersonRow | null): Normalised {
  const errors: FieldError[] = [];
  const values: Partial<typeof persons.$inferInsert> = {};
  const now = today(ctx);

  for (const key of ['givenName', 'familyName'] as const) {
    const name = input[key]?.trim();
    if (name === undefined) continue;
    values[key] = name;
    // A name holds at least one letter; a mark such as "—" is reserved for anonymised records.
    if (!/\p{L}/u.test(name)) errors.push({ pointer: `/${key}`, code: 'errors.persons.nameNeedsLetter' });
  }
  if (input.givenName !== undefined || input.familyName !== undefined) {
    values.nameKey = searchKey(
      `${values.givenName ?? existing?.givenName ?? ''} ${values.familyName ?? existing?.familyName ?? ''}`,
    );
  }

  let idIndex: string | null | undefined;
  if (input.idKind !== undefined || input.idNumber !== undefined) {
    const kind = input.idKind ?? null;
    const raw = input.idNumber ?? null;
    if (kind && !raw) errors.push({ pointer: '/idNumber', code: 'errors.validation.required' });
    else if (!kind && raw) errors.push({ pointer: '/idKind', code: 'errors.validation.required' });
    else if (kind && raw) {
      const number = normaliseIdNumber(kind, raw);
      if (!isValidIdNumber(kind, number)) {
        errors.push({ pointer: '/idNumber', code: `errors.persons.idNumberInvalid.${kind}` });
      } else {
        values.idKind = kind;
        values.idNumberEnc = encrypt(number, ctx.config.dataKey);
        values.idNumberMasked = maskIdNumber(number);
        idIndex = blindIndex(`${kind}:${number}`, ctx.config.indexKey);
        values.idNumberIndex = idIndex;
        if (kind === 'passport') {
          const country = input.passportCountry?.toUpperCase() ?? null;
          if (!country) errors.push({ pointer: '/passportCountry', code: 'errors.validation.required' });
          values.passportCountry = country;
        } else values.passportCountry = null;
      }
    } else {
      Object.assign(values, {
        idKind: null,
        idNumberEnc: null,
        idNumberMasked: null,
        idNumberIndex: null,
        passportCountry: null,
      });
      idIndex = null;
    }
  }

  if (input.birthDate !== undefined) {
    if (input.birthDate > now) errors.push({ pointer: '/birthDate', code: 'errors.persons.birthDateFuture' });
    else if (ageOn(input.birthDate, now) < MIN_REGISTRATION_AGE) {
      errors.push({ pointer: '/birthDate', code: 'errors.persons.tooYoung', params: { age: MIN_REGISTRATION_AGE } });
    } else if (ageOn(input.birthDate, now) > 100)
      errors.push({ pointer: '/birthDate', code: 'errors.persons.birthDateImplausible' });
    values.birthDate = input.birthDate;
  }
  if (input.sex !== undefined) values.sex = input.sex;
  if (input.nationality !== undefined) values.nationality = input.nationality.toUpperCase();
  if (input.languages !== undefined)
    values.languages = input.languages.map((l) => ({ code: l.code.toLowerCase(), level: l.level }));

  if (input.phone !== undefined) {
    if (input.phone) {
      const phone = normalisePhone(input.phone);
      if (!phone) errors.push({ pointer: '/phone', code: 'errors.validation.format.phone' });
      values.phone = phone;
    } else values.phone = null;
  }
  if (input.email !== undefined) values.email = input.email ? normaliseEmail(input.email) : null;
  if (input.address !== undefined) values.address = input.address?.trim() || null;

  if (input.province !== undefined || input.district !== undefined) {
    const provinceName = input.province ?? existing?.province ?? '';
    const province = findProvince(provinceName);
    if (!province) errors.push({ pointer: '/province', code: 'errors.persons.provinceUnknown' });
    else {
      values.province = province.name;
      const district = findDistrict(province.name, input.district ?? existing?.district ?? '');
      if (!district)
        errors.push({
          pointer: '/district',
          code: 'errors.persons.districtUnknown',
          params: { province: province.name },
        });
      else values.district = district;
    }
  }

  if (input.iskurRegistered !== undefined) values.iskurRegistered = input.iskurRegistered;
  if (input.iskurNumber !== undefined) values.iskurNumber = input.iskurNumber?.trim() || null;
  if (input.iscedLevel !== undefined) values.iscedLevel = input.iscedLevel;
  if (input.iscedField !== undefined) values.iscedField = input.iscedField || null;
  if (input.graduationYear !== undefined) {
    const birthYear = Number((input.birthDate ?? existing?.birthDate ?? '1900').slice(0, 4));
    if (
      input.graduationYear !== null &&
      (input.graduationYear < birthYear + 5 || input.graduationYear > Number(now.slice(0, 4)) + 1)
    ) {
      errors.push({ pointer: '/graduationYear', code: 'errors.persons.graduationYearImplausible' });
    }
    values.graduationYear = input.graduationYear;
  }
  if (input.skills !== undefined) values.skills = input.skills?.trim() || null;
  if (input.desiredOccupations !== undefined) {
    const list = [...new Set(input.desiredOccupations.map((o) => o.trim()).filter(Boolean))];
    values.desiredOccupations = list;
    values.occupationKeys = list.map((o) => searchKey(o)).join(' | ');
  }
  if (input.constraints !== undefined) {
    const c = input.constraints;
    if (c) {
      c.districts.forEach((d, i) => {
        const province = input.province ?? existing?.province ?? '';
        if (!findDistrict(province, d))
          errors.push({
            pointer: `/constraints/districts/${i}`,
            code: 'errors.persons.districtUnknown',
            params: { province },
          });
      });
    }
    values.constraints = c ?? null;
  }

  let groups: Normalised['groups'];
  if (input.targetGroups !== undefined) {
    groups = [];
    const seen = new Set<string>();
    input.targetGroups.forEach((g, i) => {
      const base = `/targetGroups/${i}`;
      if (seen.has(g.group)) errors.push({ pointer: `${base}/group`, code: 'errors.validation.uniqueItems' });
      seen.add(g.group);
      const d = g.details ?? {};
      let clear: Record<string, unknown> = {};
      let secret: Record<string, unknown> | null = null;
      switch (g.group) {
        case 'woman-care': {
          const n = pick(d, 'childrenUnder6');
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 15) {
            errors.push({ pointer: `${base}/details/childrenUnder6`, code: 'errors.validation.invalid' });
          }
          clear = { childrenUnder6: n };
          break;
        }
        case 'refugee': {
          const status = pick(d, 'status');
          if (!(REFUGEE_STATUSES as readonly unknown[]).includes(status)) {
            errors.push({ pointer: `${base}/details/status`, code: 'errors.validation.enum' });
          }
          const regProvince = pick(d, 'registrationProvince');
          const province = typeof regProvince === 'string' ? findProvince(regProvince) : null;
          if (status === 'temporary-protection' && !province) {
            errors.push({ pointer: `${base}/details/registrationProvince`, code: 'errors.persons.provinceUnknown' });
          }
          const regDate = pick(d, 'registrationDate');
          if (
            regDate !== undefined &&
            regDate !== null &&
            (typeof regDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(regDate) || regDate > now)
          ) {
            errors.push({ pointer: `${base}/details/registrationDate`, code: 'errors.validation.format.date' });
          }
          secret = {
            status,
            registrationProvince: province?.name ?? null,
            registrationDate: regDate ?? null,
          };
          break;
        }
        case 'disability': {
          const percent = pick(d, 'reportPercentage');
          if (typeof percent !== 'number' || percent < MIN_DISABILITY_PERCENT || percent > 100) {
            errors.push({
              pointer: `${base}/details/reportPercentage`,
              code: 'errors.persons.disabilityPercentage',
              params: { min: MIN_DISABILITY_PERCENT },
            });
          }
          const needs = pick(d, 'accessibilityNeeds');
          secret = {
            reportPercentage: percent,
            reportDate: pick(d, 'reportDate') ?? null,
            accessibilityNeeds: typeof needs === 'string' ? needs.slice(0, 1000) : null,
          };
          break;
        }
        case 'roma':
          // Self-identification only, with explicit consent (checked by the caller against consents).
          secret = { selfIdentified: true };
          break;
        case 'informal-worker': {
          const kind = pick(d, 'kind');
          if (!(INFORMAL_WORK_KINDS as readonly unknown[]).includes(kind)) {
            errors.push({ pointer: `${base}/details/kind`, code: 'errors.validation.enum' });
          }
          clear = { kind };
          break;
        }
        case 'long-term-unemployed': {
          const months = pick(d, 'unemployedMonths');
          if (months !== undefined && (typeof months !== 'number' || months < 12 || months > 600)) {
            errors.push({ pointer: `${base}/details/unemployedMonths`, code: 'errors.persons.longTermMonths' });
          }
          clear = months === undefined ? {} : { unemployedMonths: months };
          break;
        }
        case 'neet':
        case 'social-aid':
          break;
      }
      groups!.push({
        group: g.group,
        details: clear,
        detailsEnc: secret ? encrypt(JSON.stringify(secret), ctx.config.dataKey) : null,
      });
    });
  }

  let work: WorkInput[] | undefined;
  if (input.workHistory !== undefined) {
    input.workHistory.forEach((w, i) => {
      if (w.startDate && w.endDate && w.endDate < w.startDate) {
        errors.push({ pointer: `/workHistory/${i}/endDate`, code: 'errors.persons.endBeforeStart' });
      }
      if (w.startDate && w.startDate > now)
        errors.push({ pointer: `/workHistory/${i}/startDate`, code: 'errors.persons.dateFuture' });
    });
    work = input.workHistory;
  }

  if (errors.length > 0) throw problems.invalidMany(errors);
  return { values, groups, work, idIndex };
}

// ---- duplicates --------------------------------------------------------------------------------------
