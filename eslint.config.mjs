import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'runtime/types/generated/**',
      'coverage/**',
      'test-artifacts/**',
      '.sandbox/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['runtime/server/public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    // Make custom IML functions (code.js, test.js): scripts whose top-level function is called by
    // name from IML, with `iml`, `debug` and (in tests) `it`, `assert` and the app's functions in scope.
    files: ['test/**/fixtures/**/functions/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { iml: 'readonly', debug: 'readonly', it: 'readonly', assert: 'readonly' },
    },
    rules: { 'no-undef': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
);
