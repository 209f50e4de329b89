// lint-as: src/common/lint-fixture.ts
// expect: no-restricted-imports
import { api } from '../web/api/client.ts';

export const fixture = api;
