import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import { sendFile } from '../../lib/download.ts';
import { employerTransfer, TRANSFER_MAX_BASE64, vacancyTransfer } from '../../../common/contracts/employers.ts';
import * as transfer from './transfer.service.ts';

/**
 * Import and export of employers and vacancies (declared in src/common/contracts/employers.ts). An import
 * checks each row against the very body schema of POST /employers or POST /vacancies (`EmployerCreate`, the
 * vacancies contract's `VacancyCreate`).
 */
export async function transferRoutes(app: App): Promise<void> {
  for (const [kind, ops] of [
    ['employers', employerTransfer],
    ['vacancies', vacancyTransfer],
  ] as const) {
    route(app, ops.export, async ({ ctx, query, reply }) => {
      const c = query.locale ? { ...ctx, locale: query.locale } : ctx;
      const file =
        kind === 'employers'
          ? await transfer.exportEmployers(c, query.format)
          : await transfer.exportVacancies(c, query.format);
      return sendFile(reply, file) as never;
    });
    route(
      app,
      ops.template,
      async ({ ctx, query, reply }) =>
        sendFile(reply, await transfer.buildTemplate(kind, query.locale ?? ctx.locale, query.format)) as never,
    );
    route(
      app,
      ops.import,
      async ({ ctx, body, reply }) => {
        const report = await transfer.importFile(ctx, kind, body);
        if (report.written) void reply.code(201);
        return report;
      },
      { bodyLimit: TRANSFER_MAX_BASE64 + 64 * 1024 },
    );
  }
}
