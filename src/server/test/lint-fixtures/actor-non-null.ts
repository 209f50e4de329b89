// lint-as: src/server/modules/vacancies/lint-fixture.ts
// expect: no-restricted-syntax
// The caller is read with actorOf(ctx), never asserted present.
import type { Ctx } from '../../lib/context.ts';

export const organisationOf = (ctx: Ctx) => ctx.actor!.organisationId;
