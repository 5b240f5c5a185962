import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const siteDirs = ['src/pages/**', 'src/components/**', 'src/layouts/**', 'src/islands/**', 'src/site/**', 'src/shared/**'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'work/',
      'out/',
      'secrets/',
      'host/',
      'archive/',
      'reports/',
      'data/sample/',
      '.astro/',
      'test-results/',
      'playwright-report/',
      'bench/',
      'scratch*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The site and shared code run in the browser: they never import pipeline code.
    files: siteDirs,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/pipeline/**', '**/tools/**', '**/cli/**', '**/lib/*'],
              message: 'site code must not import pipeline, tools, CLI or Node-only code',
            },
          ],
        },
      ],
    },
  },
  {
    // The hand-built Arrow writer is reached through its entry point only (arrowWriter/index.ts says why).
    files: ['src/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts'],
    // Site code has its own, stricter list above (a second list for the same files would replace it).
    ignores: ['src/pipeline/partition/arrowWriter/**', ...siteDirs],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/arrowWriter/*', '!**/arrowWriter/index.ts'],
              message: 'import the Arrow writer through arrowWriter/index.ts',
            },
          ],
        },
      ],
    },
  },
);
