import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/courses.ts';
import * as service from './courses.service.ts';
import { verifyCertificate } from './courses.public.ts';
import { certificatePdf } from './courses.pdf.ts';
import { ownPersonId } from '../people/index.ts';
import { courseEmployment } from './employment.service.ts';
import { attachment } from '../../lib/download.ts';

/** The courses module's operations (declared in src/common/contracts/courses.ts). */
export async function courseRoutes(app: App): Promise<void> {
  route(app, op.listCourses, async ({ ctx, query }) => {
    const r = await service.listCourses(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createCourse, async ({ ctx, body }) => service.getCourse(ctx, await service.createCourse(ctx, body)));
  route(app, op.getCourse, ({ ctx, params }) => service.getCourse(ctx, params.id));
  route(app, op.updateCourse, async ({ ctx, params, body }) => {
    await service.updateCourse(ctx, params.id, body);
    return service.getCourse(ctx, params.id);
  });
  route(app, op.getCourseEmployment, ({ ctx, params }) => courseEmployment(ctx, params.id));
  route(app, op.listApplications, ({ ctx, params }) => service.listApplications(ctx, params.id));
  route(app, op.applyToCourse, async ({ ctx, params, body }) =>
    service.getApplication(ctx, params.id, await service.applyToCourse(ctx, params.id, body.personId)),
  );
  route(app, op.runSelection, ({ ctx, params }) => service.runSelection(ctx, params.id));
  route(app, op.enrolApplicant, ({ ctx, params }) => service.enrolApplicant(ctx, params.id, params.applicationId));
  route(app, op.withdrawApplication, ({ ctx, params }) =>
    service.withdrawApplication(ctx, params.id, params.applicationId),
  );
  route(app, op.recordDropout, ({ ctx, params, body }) =>
    service.recordDropout(ctx, params.id, params.applicationId, body.reason, body.note),
  );
  route(app, op.recordAssessment, ({ ctx, params, body }) =>
    service.recordAssessment(ctx, params.id, params.applicationId, body.passed),
  );
  route(app, op.getAttendance, ({ ctx, params }) => service.getAttendance(ctx, params.id, params.sessionId));
  route(app, op.recordAttendance, ({ ctx, params, body }) =>
    service.recordAttendance(ctx, params.id, params.sessionId, body.entries),
  );
  route(app, op.applyCompletion, ({ ctx, params }) => service.applyCompletion(ctx, params.id));
  route(app, op.updateCertificate, ({ ctx, params, body }) =>
    service.updateCertificate(ctx, params.id, body.externalNumber),
  );
  route(app, op.revokeCertificate, ({ ctx, params, body }) => service.revokeCertificate(ctx, params.id, body.reason));
  route(app, op.verifyCertificate, ({ ctx, params }) => verifyCertificate(ctx.db, params.code));
  route(app, op.personCourses, ({ ctx, params }) => service.personCourses(ctx, params.id));
  route(app, op.listOwnCourses, async ({ ctx }) => service.ownCourses(ctx, await ownPersonId(ctx)));
  route(app, op.applyOwn, async ({ ctx, params }) => {
    await service.applyToCourse(ctx, params.id, await ownPersonId(ctx), 'self-service');
    return { status: 'applied' as const };
  });

  route(app, op.certificatePdf, async ({ ctx, params, reply }) => {
    const data = await service.certificateForPdf(ctx, params.id);
    const content = await certificatePdf(ctx, data);
    return reply
      .type('application/pdf')
      .header('content-disposition', attachment(`sertifika-${data.cert.code}.pdf`))
      .header('cache-control', 'private, no-store')
      .send(content) as never;
  });
}
