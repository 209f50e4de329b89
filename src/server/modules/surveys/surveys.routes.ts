import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/surveys.ts';
import * as service from './surveys.service.ts';
import * as results from './results.service.ts';
import { sendFile } from '../../lib/download.ts';

/** Answers through a public link: at most this many per address and minute (beside the app's flood limit). */
export const PUBLIC_SUBMISSIONS_PER_MINUTE = 10;

/** The surveys module's operations (declared in src/common/contracts/surveys.ts). */
export async function surveyRoutes(app: App): Promise<void> {
  route(app, op.listSurveys, ({ ctx }) => service.listSurveys(ctx));
  route(app, op.createSurvey, ({ ctx, body }) => service.createSurvey(ctx, body));
  route(app, op.getSurvey, ({ ctx, params }) => service.getSurvey(ctx, params.id));
  route(app, op.saveDraft, ({ ctx, params, body }) => service.saveDraft(ctx, params.id, body));
  route(app, op.publishSurvey, ({ ctx, params }) => service.publishSurvey(ctx, params.id));
  route(app, op.closeSurvey, ({ ctx, params }) => service.closeSurvey(ctx, params.id));
  route(app, op.createLink, ({ ctx, params, body }) => service.createLink(ctx, params.id, body));
  route(app, op.closeLink, ({ ctx, params }) => service.closeLink(ctx, params.id, params.linkId));
  route(app, op.enterResponse, ({ ctx, params, body }) => service.enterResponse(ctx, params.id, body));
  route(app, op.listResponses, ({ ctx, params }) => service.listResponses(ctx, params.id));
  route(app, op.listPersonResponses, ({ ctx, params }) => service.listPersonResponses(ctx, params.id));
  route(app, op.surveyResults, ({ ctx, params, query }) => results.surveyResults(ctx, params.id, query));
  route(app, op.exportResults, async ({ ctx, params, query, reply }) => {
    const file = await results.exportResults(ctx, params.id, query);
    return sendFile(reply, file) as never;
  });
  route(app, op.publicSurvey, ({ ctx, params }) => service.publicSurvey(ctx, params.token), { secretPath: true });
  route(
    app,
    op.submitPublicResponse,
    ({ ctx, params, body }) => service.submitPublicResponse(ctx, params.token, body),
    { rateLimit: { max: PUBLIC_SUBMISSIONS_PER_MINUTE, timeWindow: '1 minute' }, secretPath: true },
  );
}
