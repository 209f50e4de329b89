// lint-as: src/server/modules/vacancies/lint-fixture.ts
// expect: kopru/module-boundaries
import { enqueue } from '../outbox/outbox.service.ts';

export const fixture = enqueue;
