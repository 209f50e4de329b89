// lint-as: src/server/modules/vacancies/lint-fixture.ts
// expect: nothing
// The allowed ways: another module through its index.ts, the module's own files, src/common, the server's lib.
import { enqueue } from '../outbox/index.ts';
import { listVacancies } from './vacancies.service.ts';
import { TARGET_GROUPS } from '../../../common/enums.ts';
import { problems } from '../../lib/errors.ts';

export const fixture = [enqueue, listVacancies, TARGET_GROUPS, problems];
