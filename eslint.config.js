import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // The web takes its types from the server's schemas.ts files and runs its pure rules; it never reaches
    // into server storage or routes (test/core/architecture.test.ts checks the same).
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*/store.ts', '**/src/*/routes.ts', '**/src/core/database.ts', '**/src/app.ts'],
              message:
                "The web imports the server's schemas.ts (types) and pure rule modules only, never its storage or routes.",
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are written against Kysely<any> on purpose: they must not depend on today's schema types.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
