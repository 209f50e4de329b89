import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/matching.ts';
import * as service from './matching.service.ts';
import * as priority from './priority.service.ts';
import * as fairness from './fairness.service.ts';
import { fairnessExport } from './fairness.export.ts';
import { sendFile } from '../../lib/download.ts';

/** The matching module's operations (declared in src/common/contracts/matching.ts). */
export async function matchingRoutes(app: App): Promise<void> {
  route(app, op.vacancyCandidates, ({ ctx, params, query }) => service.candidatesForVacancy(ctx, params.id, query));
  route(app, op.personVacancies, ({ ctx, params, query }) => service.vacanciesForPerson(ctx, params.id, query));
  route(app, op.listLinkReviews, ({ ctx, query }) => service.linkReviews(ctx, query.limit));
  route(app, op.confirmLink, ({ ctx, body }) => service.confirmReviewedLink(ctx, body));
  route(app, op.getMatchingSettings, ({ ctx }) => service.matchingSettingsOf(ctx));
  route(app, op.updateMatchingSettings, ({ ctx, body }) => service.updateMatchingSettings(ctx, body));
  route(app, op.getPriorityPolicy, ({ ctx }) => priority.priorityPolicy(ctx));
  route(app, op.updatePriorityPolicy, ({ ctx, body }) => priority.updatePriorityPolicy(ctx, body));
  route(app, op.priorityPolicyHistory, ({ ctx }) => priority.priorityPolicyHistory(ctx));
  route(app, op.fairnessReport, ({ ctx, query }) => fairness.fairnessReport(ctx, query));
  route(app, op.fairnessExport, async ({ ctx, query, reply }) => {
    const file = await fairnessExport(ctx, query);
    return sendFile(reply, file) as never;
  });
  route(app, op.referFromMatch, ({ ctx, body }) => service.referFromMatch(ctx, body));
  route(app, op.referralMatch, ({ ctx, params }) => service.keptMatch(ctx, params.id));
}
