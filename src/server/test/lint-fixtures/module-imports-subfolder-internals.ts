// lint-as: src/server/modules/vacancies/lint-fixture.ts
// expect: kopru/module-boundaries
// A file in a module's sub-folder is as internal as one at its top: only people/index.ts is public.
import { loadPerson } from '../people/persons/persons.queries.ts';

export const fixture = loadPerson;
