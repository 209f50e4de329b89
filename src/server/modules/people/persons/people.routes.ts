import type { App } from '../../../http.ts';
import { pageOf } from '../../../lib/schemas.ts';
import { route } from '../../../lib/route.ts';
import { districtsOf, findProvince, provinces } from '../../../lib/geography.ts';
import * as op from '../../../../common/contracts/people.ts';
import * as caseOp from '../../../../common/contracts/cases.ts';
import * as personsService from './persons.service.ts';
import * as personsQueries from './persons.queries.ts';
import * as consentsService from '../consents/consents.service.ts';
import * as casesService from '../cases/cases.service.ts';

/**
 * Persons, their consents and cases, the caseload and the counsellor's desk, and the geography the forms
 * pick from (declared in src/common/contracts/people.ts and cases.ts).
 */
export async function peopleRoutes(app: App): Promise<void> {
  route(
    app,
    op.listPersons,
    async ({ ctx, query: q }) => {
      const result = await personsQueries.listPersons(ctx, { ...q, sort: q.sort }, '/querystring');
      return { ...pageOf(result.items, result.total, q.page, q.pageSize), totalCapped: result.totalCapped };
    },
    { searchIn: op.PERSON_SEARCH },
  );
  route(app, op.searchPersons, async ({ ctx, body: b }) => {
    const result = await personsQueries.listPersons(ctx, { ...b, sort: b.sort }, '');
    return { ...pageOf(result.items, result.total, b.page, b.pageSize), totalCapped: result.totalCapped };
  });
  route(app, op.checkDuplicates, ({ ctx, body }) => personsQueries.checkDuplicates(ctx, body as never));
  route(app, op.createPerson, async ({ ctx, body }) =>
    personsQueries.getPerson(ctx, await personsService.createPerson(ctx, body)),
  );
  route(app, op.getPerson, ({ ctx, params }) => personsQueries.getPerson(ctx, params.id));
  route(app, op.updatePerson, async ({ ctx, params, body }) => {
    await personsService.updatePerson(ctx, params.id, body);
    return personsQueries.getPerson(ctx, params.id);
  });
  route(app, op.revealIdNumber, ({ ctx, params, body }) => personsService.revealIdNumber(ctx, params.id, body.purpose));

  // ---- consent and notice ----
  route(app, op.listConsents, ({ ctx, params }) => consentsService.listConsents(ctx, params.id));
  route(app, op.grantConsent, async ({ ctx, params, body }) => {
    await consentsService.grantConsent(ctx, params.id, body);
    return consentsService.listConsents(ctx, params.id);
  });
  route(app, op.withdrawConsent, async ({ ctx, params }) => {
    await consentsService.withdrawConsent(ctx, params.id, params.consentId);
    return consentsService.listConsents(ctx, params.id);
  });
  route(app, op.acknowledgeNotice, async ({ ctx, params, body }) => {
    await consentsService.acknowledgeNotice(ctx, params.id, body);
    return consentsService.listConsents(ctx, params.id);
  });

  // ---- cases ----
  route(app, caseOp.listCasesOfPerson, async ({ ctx, params }) => ({
    items: await casesService.listCasesOfPerson(ctx, params.id),
  }));
  route(app, caseOp.openCase, async ({ ctx, params }) =>
    casesService.getCase(ctx, await casesService.openCase(ctx, params.id)),
  );
  route(app, caseOp.getCase, ({ ctx, params }) => casesService.getCase(ctx, params.id));
  route(app, caseOp.changeCaseStatus, async ({ ctx, params, body }) => {
    await casesService.changeStatus(ctx, params.id, body);
    return casesService.getCase(ctx, params.id);
  });
  route(app, caseOp.addCaseNote, async ({ ctx, params, body }) => {
    await casesService.addNote(ctx, params.id, body);
    return casesService.getCase(ctx, params.id);
  });
  route(app, caseOp.addCaseStep, async ({ ctx, params, body }) => {
    await casesService.addStep(ctx, params.id, body);
    return casesService.getCase(ctx, params.id);
  });
  route(app, caseOp.setCaseStepDone, async ({ ctx, params, body }) => {
    await casesService.setStepDone(ctx, params.id, params.stepId, body.done);
    return casesService.getCase(ctx, params.id);
  });
  route(app, caseOp.transferCase, async ({ ctx, params, body }) => {
    await casesService.transferCase(ctx, params.id, body);
    return { id: params.id };
  });
  route(app, caseOp.getCaseload, async ({ ctx, query }) => ({
    items: await casesService.caseload(ctx, query.officeId),
  }));
  route(app, caseOp.getCounsellorHome, ({ ctx }) => casesService.counsellorHome(ctx));

  // ---- geography ----
  route(app, op.listProvinces, async () => ({ items: provinces() }));
  route(app, op.listDistricts, async ({ query }) => {
    const province = findProvince(query.province);
    if (!province) return { province: query.province, items: [] };
    return { province: province.name, items: districtsOf(province.name) };
  });
}
