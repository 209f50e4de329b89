import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import moduleBoundaries from './eslint-rules/module-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      '.tmp',
      'src/server/db/migrations',
      'bin',
      // Files that break the rules on purpose: src/server/test/lint-boundaries.test.ts lints them.
      'src/server/test/lint-fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Layer boundaries (docs/ARCHITECTURE.md): the web app and the server meet only in src/common; src/common
  // imports neither. Tests of a layer follow the same rule.
  {
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'The web app imports src/common, never server code.' }] },
      ],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**'],
              message: 'src/common is imported by both sides and imports neither.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/web/**'], message: 'Server code imports src/common, never the web app.' }] },
      ],
      // One way to the caller (issue 9): actorOf(ctx) answers 401 where `ctx.actor!` would crash with a 500.
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSNonNullExpression[expression.type='MemberExpression'][expression.property.name='actor']",
          message: 'Use actorOf(ctx) from lib/context.ts: it refuses an anonymous caller with 401.',
        },
      ],
    },
  },
  // A module is used from outside only through its index.ts (eslint-rules/module-boundaries.js).
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { kopru: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'kopru/module-boundaries': 'error' },
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Native date and time inputs follow the browser's language (mm/dd/yyyy, AM/PM), not the app's (issue 14).
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='type'][value.value=/^(date|datetime-local|time|month|week)$/]",
          message:
            'Use DateField, TimeField or DateTimeField from components/DateFields.tsx: they follow the app language.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'src/server/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Browser specs run side by side and share the demo accounts: a spec that saves a language on one turns
    // another spec's Turkish screens Arabic. Switch with `arabicForThisPage` or sign in as a user of the
    // spec's own (`ownStaffUser`, `ownEmployerUser`); a signed-out page saves nothing and may use the switch.
    files: ['e2e/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='getByTestId'][arguments.0.value='language-switch']",
          message:
            'Saves the language on a shared account: use arabicForThisPage(page) or a user of your own (signed-out pages: disable with the reason).',
        },
        {
          selector: 'Literal[value=/me\\/preferences/], TemplateElement[value.raw=/me\\/preferences/]',
          message: 'Saves a preference on a shared account: use a user of your own (ownStaffUser, ownEmployerUser).',
        },
      ],
    },
  },
  { files: ['eslint.config.js', 'eslint-rules/**/*.js', 'bin/**/*.js'], ...tseslint.configs.disableTypeChecked },
);
