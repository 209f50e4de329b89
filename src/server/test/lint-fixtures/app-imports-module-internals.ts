// lint-as: src/server/jobs/lint-fixture.ts
// expect: kopru/module-boundaries
export { enqueue } from '../modules/outbox/outbox.service.ts';
