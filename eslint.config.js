// Type-aware lint. The one-way import rule of DESIGN.md is enforced here:
// src/domain imports nothing of ours outside src/domain, and nothing that does I/O.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bin/**', 'eslint.config.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/app/**', '**/store/**', '**/adapters/**', '**/cli/**', '**/server/**', '**/web/**'],
            message: 'domain/ is the pure core: it imports nothing from outside domain/ (DESIGN.md).' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:child_process', 'kysely', 'pg', 'better-sqlite3'],
            message: 'domain/ does no I/O (DESIGN.md).' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
