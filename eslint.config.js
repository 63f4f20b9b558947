import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: true }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The import direction: shared/ is pure and stands alone; client/ takes only types from server/.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/server/**', '**/client/**', '../server/*', '../client/*'], message: 'shared/ imports neither server/ nor client/.' }],
        paths: ['fs', 'path', 'crypto', 'http', 'net', 'os', 'child_process'].map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' })),
      }],
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value=/^node:/]", message: 'shared/ is pure: no Node built-ins.' }] } },
  { files: ['client/**/*.{ts,tsx}'], rules: noImport(['**/server/**', '../server/*'], 'client/ may take only types from server/ (import type).') },
  { files: ['server/**/*.ts'], rules: noImport(['**/client/**'], 'server/ never imports client/.') },
  { files: ['migrations/**/*.ts'], rules: noImport(['**/server/**', '**/shared/**', '**/client/**'], 'A migration is frozen in time: it imports only kysely.') },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
