// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // Time is an argument: only the clock adapter may read the system time.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/clock/src/system-clock.ts', '**/*.spec.ts', '**/*.e2e-spec.ts', '**/bench/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is an argument: inject the Clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is an argument: inject the Clock.',
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no I/O, nothing but fp-ts and io-ts.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(fp-ts|io-ts|io-ts-types)(/|$)|\\.)',
              message: 'libs/domain depends on nothing but fp-ts and io-ts.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'fetch', 'crypto'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is an argument.' },
        { object: 'Math', property: 'random', message: 'Ids and randomness are arguments.' },
      ],
    },
  },
  {
    // The domain's own tests may also generate histories with fast-check (property tests).
    files: ['libs/domain/src/**/*.spec.ts', 'libs/domain/src/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(fp-ts|io-ts|io-ts-types|fast-check)(/|$)|\\.)',
              message: 'libs/domain tests depend on nothing but fp-ts, io-ts and fast-check.',
            },
          ],
        },
      ],
    },
  },
);
