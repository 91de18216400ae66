import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'bench/results/', 'coverage/', '.scratch/', 'web/dist/', 'web/src/api/schema.d.ts', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'web/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in the deterministic sandbox: no clocks, randomness or Node I/O.
    files: ['workflows/**/*.ts', 'src/domain/**/*.ts', 'src/incentives/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'os', 'child_process', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pure code takes time as input.' }, { object: 'Math', property: 'random', message: 'Pure code is deterministic.' }],
    },
  },
);
