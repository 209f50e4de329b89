import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer and module boundaries are rules of eslint.config.js. Each file in lint-fixtures/ breaks one
 * of them (or, for allowed-imports.ts, none) and says so in its header: `lint-as` is where it pretends
 * to live, `expect` the rule that must refuse it. The fixtures are linted with the project's own
 * configuration (type-aware rules aside: the fixtures do not exist where they pretend to be).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const fixtures = path.join(here, 'lint-fixtures');

const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

const cases = fs
  .readdirSync(fixtures)
  .filter((f) => f.endsWith('.ts'))
  .map((file) => {
    const text = fs.readFileSync(path.join(fixtures, file), 'utf8');
    const lintAs = /^\/\/ lint-as: (\S+)$/m.exec(text)?.[1];
    const expected = /^\/\/ expect: (\S+)$/m.exec(text)?.[1];
    if (!lintAs || !expected) throw new Error(`${file}: no lint-as or expect header`);
    return { file, text, lintAs, expected };
  });

describe('ESLint enforces the layer and module boundaries, and one way to the caller', () => {
  it('has a fixture for every boundary', () => {
    expect(cases.map((c) => c.expected).sort()).toEqual([
      'kopru/module-boundaries',
      'kopru/module-boundaries',
      'kopru/module-boundaries',
      'no-restricted-imports',
      'no-restricted-imports',
      'no-restricted-imports',
      'no-restricted-imports',
      'no-restricted-syntax',
      'nothing',
      'nothing',
    ]);
  });

  for (const { file, text, lintAs, expected } of cases) {
    it(`${file} (${lintAs}): ${expected === 'nothing' ? 'passes' : `refused by ${expected}`}`, async () => {
      const [result] = await eslint.lintText(text, { filePath: path.join(root, lintAs) });
      const rules = (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
      if (expected === 'nothing') expect(rules).toEqual([]);
      else expect(rules).toContain(expected);
    });
  }
});
