import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemBody, problems, type ProblemError } from './errors.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Files that still build a problem by hand, each with how many times: none. A new kind of problem is a new
 * entry in the `problems` catalogue (errors.ts).
 */
const HAND_BUILT: Record<string, number> = {};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'lint-fixtures' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the problem catalogue', () => {
  it('is the only place that builds a ProblemError', () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(serverDir)) {
      const rel = path.relative(serverDir, file).split(path.sep).join('/');
      if (rel === 'lib/errors.ts') continue;
      const count = fs.readFileSync(file, 'utf8').split('new ProblemError(').length - 1;
      if (count > 0) found[rel] = count;
    }
    for (const [file, count] of Object.entries(found)) expect(count, file).toBeLessThanOrEqual(HAND_BUILT[file] ?? 0);
  });

  it('keeps status, code and field paths of the kinds that carry their own code', () => {
    const body = (p: ProblemError) => problemBody('en', 'r1', p);
    const query = body(problems.invalidQuery('/querystring/to', 'errors.appointments.rangeTooLong', { days: 92 }));
    expect(query).toMatchObject({ status: 400, code: 'errors.invalid' });
    expect(query.errors).toEqual([
      { pointer: '/querystring/to', code: 'errors.appointments.rangeTooLong', message: expect.stringContaining('92') },
    ]);

    const search = body(problems.badQuery('errors.search.wordsInAddress', ['/querystring/q'], { path: 'POST /x' }));
    expect(search).toMatchObject({ status: 400, code: 'errors.search.wordsInAddress' });
    expect(search.errors?.[0]?.pointer).toBe('/querystring/q');

    const conflict = body(
      problems.conflictMany('errors.employers.cannotVerify', [
        { pointer: '/taxNumber', code: 'errors.validation.required' },
      ]),
    );
    expect(conflict).toMatchObject({ status: 409, code: 'errors.employers.cannotVerify' });
    expect(conflict.errors?.[0]).toMatchObject({ pointer: '/taxNumber', code: 'errors.validation.required' });

    const refused = body(
      problems.refused('errors.transfer.hasErrors', [{ pointer: '/rows/2/name', code: 'errors.validation.required' }], {
        rows: 1,
      }),
    );
    expect(refused).toMatchObject({ status: 422, code: 'errors.transfer.hasErrors' });
    expect(refused.detail).not.toBe('errors.transfer.hasErrors');

    expect(body(problems.unauthenticated('errors.auth.invalidCredentials'))).toMatchObject({
      status: 401,
      code: 'errors.auth.invalidCredentials',
      detail: 'The e-mail address or password is wrong.',
    });

    const moved = problems.relocated(problems.invalid('/phone', 'errors.validation.phone'), {
      '/phone': '/contactPhone',
    });
    expect(moved).toMatchObject({ status: 422, code: 'errors.invalid' });
    expect(moved.errors).toEqual([{ pointer: '/contactPhone', code: 'errors.validation.phone' }]);
  });
});
