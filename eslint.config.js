// ESLint for every JavaScript file LANVan ships or runs: the browser apps (ES modules, browser
// globals), their node tests, the e2e tests and the benchmarks (Node globals).
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['**/target/**', '**/node_modules/**', '**/static/vendor/**', '.lanvan/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' }],
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-implicit-globals': 'error',
      'no-console': 'off',
      // names and texts from peers are checked for control characters on purpose
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/src/test/js/**', 'e2e/**', 'bench/**', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
