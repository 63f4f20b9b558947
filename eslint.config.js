import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: true }] }],
});

// A route validates, checks access, calls a command and presents: the write, its audit
// entry, its transaction and the events after it belong to the command (server/commands/).
const serverImports = { group: ['**/client/**'], message: 'server/ never imports client/.', allowTypeImports: true };
const routeImports = { group: ['**/audit.js', '**/audit', '**/commands/transaction.js', '**/commands/transaction'], message: 'Routes do not write audit entries or open transactions: call a command in server/commands/.' };
const routeSyntax = [
  { selector: "CallExpression[callee.property.name='transaction']", message: 'Routes do not open transactions: call a command in server/commands/.' },
  { selector: "CallExpression[callee.name='inTransaction']", message: 'Routes do not open transactions: call a command in server/commands/.' },
  { selector: "CallExpression[callee.property.name='emit'][callee.object.name='events']", message: 'Events are emitted by the command after its commit, not by the route.' },
  { selector: "CallExpression[callee.property.name='emit'][callee.object.property.name='events']", message: 'Events are emitted by the command after its commit, not by the route.' },
];

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
  { files: ['server/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [serverImports] }] } },
  {
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [serverImports, routeImports] }],
      'no-restricted-syntax': ['error', ...routeSyntax],
    },
  },
  { files: ['migrations/**/*.ts'], rules: noImport(['**/server/**', '**/shared/**', '**/client/**'], 'A migration is frozen in time: it imports only kysely.') },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
