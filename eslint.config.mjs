// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import globals from 'globals';

/**
 * The house rules. Imports point inward (ARCHITECTURE.md): taskpane/commands/functions/preview → workbook →
 * domain. `domain` imports only zod and itself; only `workbook/excel` may touch Office.js. The boundary is
 * enforced here, not by hope; the domain's layers and the absence of import cycles are checked on the import
 * graph by test/lint/imports.test.ts.
 */
const OUTER_LAYERS = [
  '**/taskpane/**',
  '**/commands/**',
  '**/functions/**',
  '**/preview/**',
  '**/cli/**',
  '**/filesPage/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-preview/**', 'dist-cli/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { 'office-addins': officeAddins },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'warn',
      'office-addins/no-office-initialize': 'warn',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    files: ['src/domain/**/*.{ts,tsx}'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.{1,2}/).*', message: 'src/domain imports only zod and itself (ARCHITECTURE.md).' },
            { group: [...OUTER_LAYERS, '**/workbook/**'], message: 'src/domain must not import outer layers.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'Office',
          'Excel',
          'CustomFunctions',
          'OfficeExtension',
          'window',
          'document',
          'navigator',
          'localStorage',
        ].map((name) => ({ name, message: 'src/domain is pure: no Office, no DOM.' })),
      ],
    },
  },
  {
    // The port, its adapters (the Excel one included) and the use cases: no outer layer, no UI.
    files: ['src/workbook/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: OUTER_LAYERS, message: 'src/workbook must not import outer layers.' },
            { group: ['react', 'react-dom', '@fluentui/*'], message: 'src/workbook has no UI.' },
          ],
        },
      ],
    },
  },
  {
    // Only the Excel adapter touches Office.js.
    files: ['src/workbook/**/*.{ts,tsx}'],
    ignores: ['src/workbook/excel/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Office', 'Excel', 'OfficeExtension'].map((name) => ({
          name,
          message: 'Only src/workbook/excel touches Office.js.',
        })),
      ],
    },
  },
  {
    files: ['src/functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/taskpane/**', '**/commands/**', '**/preview/**', 'react', 'react-dom', '@fluentui/*', 'zod'],
              message: 'The functions chunk stays small and standalone.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);
