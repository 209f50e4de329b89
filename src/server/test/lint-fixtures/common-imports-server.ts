// lint-as: src/common/lint-fixture.ts
// expect: no-restricted-imports
import { problems } from '../server/lib/errors.ts';

export const fixture = problems;
