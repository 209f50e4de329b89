// lint-as: src/server/modules/people/cases/lint-fixture.ts
// expect: nothing
// Inside a module, a sub-folder uses its siblings' files; other modules still only through their index.ts.
import { loadPerson } from '../persons/persons.queries.ts';
import { recordRectification } from '../../referrals/index.ts';
import { problems } from '../../../lib/errors.ts';

export const fixture = [loadPerson, recordRectification, problems];
