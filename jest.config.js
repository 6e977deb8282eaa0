/**
 * Jest 30 with @swc/jest: fast transpilation; types are checked separately by `tsc --noEmit`.
 *
 * Four projects, so that a run picks what it needs (`npm run test:unit` is `--selectProjects unit`):
 *   unit     everything that runs in Node alone (unit, integration against the memory workbook and the fakes)
 *   build    the production build with webpack (bundle budgets, the custom functions' metadata)
 *   interop  native-formula templates recalculated by LibreOffice Calc
 *   e2e      the preview host in Chromium; its globalSetup builds the preview once, and only when the run selects
 *            an e2e file (Jest runs a project's globalSetup only then)
 */
const common = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

/** Tests that run webpack: test/build and the metadata golden test (both build the add-in). */
const BUILD = ['<rootDir>/test/build/', '<rootDir>/test/functions/metadata\\.test\\.ts$'];
const INTEROP = ['<rootDir>/test/interop/'];
const E2E = ['<rootDir>/test/e2e/'];

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', ...BUILD, ...INTEROP, ...E2E],
    },
    {
      ...common,
      displayName: 'build',
      roots: ['<rootDir>/test/build', '<rootDir>/test/functions'],
      testMatch: ['<rootDir>/test/build/**/*.test.ts', '<rootDir>/test/functions/metadata.test.ts'],
    },
    { ...common, displayName: 'interop', roots: ['<rootDir>/test/interop'] },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
    },
  ],
};
