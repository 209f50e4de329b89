// lint-as: src/web/pages/LintFixture.ts
// expect: no-restricted-imports
import { problems } from '../../server/lib/errors.ts';

export const fixture = problems;
