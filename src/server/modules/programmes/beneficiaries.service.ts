/**
 * A project's beneficiary list for its donor (issue 13; DATA-PROTECTION.md "Legal basis and consent",
 * "Data subjects' rights"): the persons who took part in the project's courses or visited its fairs, only
 * those whose consent to share with partners (`share-with-partners`) naming the donor is in force. Each person on the list is
 * written to the disclosure log (referrals' `recordDisclosures`), so the person's access request names the
 * donor; the export itself is audited with how many were listed and how many left out. A project restricted
 * to a special group (the Roma youth project) gives no list: enrolment in it reveals origin.
 */
import { problems } from '../../lib/errors.ts';
import { inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable, type FileOut, type OutCell } from '../../lib/tabular.ts';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import { projectCourseRecords } from '../courses/index.ts';
import { projectFairRecords } from '../fairs/index.ts';
import { loadPerson, partnersConsentedTo } from '../people/index.ts';
import { searchKey } from '../../../common/text.ts';
import { recordDisclosures } from '../referrals/index.ts';
import { isAbroad, loadPartner, loadProject, transferSafeguardOf } from './programmes.service.ts';

export const BENEFICIARY_DATA_CATEGORIES = ['identity', 'programme-participation'] as const;

export async function exportBeneficiaries(ctx: Ctx, projectId: string): Promise<FileOut> {
  return inTransaction(ctx, async (c) => {
    const project = await loadProject(c.db, c, projectId);
    if (!project.donorId) throw problems.conflict('errors.programmes.noDonor');
    if (project.restrictedGroup && (SPECIAL_GROUPS as readonly string[]).includes(project.restrictedGroup))
      throw problems.conflict('errors.programmes.specialProjectNoList');
    const donor = await loadPartner(c.db, c, project.donorId);
    // A donor outside Türkiye: the list is a transfer abroad (KVKK art. 9), only on a recorded safeguard
    // (docs/PROGRAMMES.md "Transfers abroad"); its basis goes into each disclosure.
    const safeguard = transferSafeguardOf(donor);
    const abroad = isAbroad(donor);
    if (abroad && !safeguard) {
      // The field's message names the partner and the country too (it is what the form shows).
      const params = { partner: donor.acronym ?? donor.name, country: donor.country ?? '' };
      throw problems.refused(
        'errors.programmes.transferAbroadNoSafeguard',
        [{ pointer: '/donorId', code: 'errors.programmes.transferAbroadNoSafeguard', params }],
        params,
      );
    }
    // The consent names its partner in words ("UNDP", "Birleşmiş Milletler Kalkınma Programı"): the donor's
    // name or acronym, compared on the Turkish-folded key.
    const donorKeys = new Set([donor.name, donor.acronym ?? ''].filter(Boolean).map((n) => searchKey(n)));
    const consented = async (personId: string) =>
      (await partnersConsentedTo(c, personId)).some((p) => donorKeys.has(searchKey(p)));
    const courses = (await projectCourseRecords(c, [projectId])).get(projectId)!;
    const fairs = (await projectFairRecords(c, [projectId])).get(projectId)!;
    const titleOf = new Map(courses.courses.map((x) => [x.id, x.title.tr]));
    const took = new Map<string, Set<string>>();
    const note = (personId: string, what: string) => took.set(personId, (took.get(personId) ?? new Set()).add(what));
    for (const p of courses.participants) note(p.personId, titleOf.get(p.courseId) ?? '');
    for (const v of fairs.visitors) if (v.personId) note(v.personId, t(c.locale, 'programmes.beneficiaries.fairVisit'));
    const rows: OutCell[][] = [];
    const listed: string[] = [];
    let excluded = 0;
    for (const personId of took.keys()) {
      if (!(await consented(personId))) {
        excluded++;
        continue;
      }
      const person = await loadPerson(c.db, c, personId).catch(() => null);
      if (!person || person.mergedIntoId) {
        excluded++;
        continue;
      }
      listed.push(personId);
      rows.push([
        person.givenName,
        person.familyName,
        t(c.locale, `programmes.beneficiaries.sexes.${person.sex}`),
        person.birthDate ? Number(person.birthDate.slice(0, 4)) : null,
        [...took.get(personId)!].join('; '),
      ]);
    }
    rows.sort((a, b) => `${a[1]} ${a[0]}`.localeCompare(`${b[1]} ${b[0]}`, 'tr'));
    await recordDisclosures(c, {
      personIds: listed,
      recipient: { kind: 'partner', id: donor.id, name: donor.name },
      purpose: 'donor-beneficiary-list',
      dataCategories: BENEFICIARY_DATA_CATEGORIES,
      transfer:
        abroad && safeguard
          ? { country: donor.country!, basis: `${safeguard.kind}:${safeguard.reference} (${safeguard.date})` }
          : null,
    });
    await audit(c.db, c, {
      action: 'project.beneficiaries-exported',
      subjectType: 'project',
      subjectId: projectId,
      purpose: `donor:${donor.id}:listed:${listed.length}:without-consent:${excluded}${abroad ? `:abroad:${donor.country}:${safeguard!.kind}` : ''}`,
    });
    const col = (key: string) => ({ header: t(c.locale, `programmes.beneficiaries.columns.${key}`) });
    return writeTable('csv', {
      baseName: `project-${projectId.slice(0, 8)}-beneficiaries`,
      locale: c.locale,
      sheets: [
        {
          name: t(c.locale, 'programmes.beneficiaries.sheet'),
          columns: [col('givenName'), col('familyName'), col('sex'), col('birthYear'), col('participation')],
          rows,
        },
      ],
    });
  });
}
