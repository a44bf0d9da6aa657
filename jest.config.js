// @ts-check
/** One jest run for unit, integration and end-to-end tests, all against real PostgreSQL and a real Kafka broker. */
const aliases = ['contracts', 'messaging', 'money', 'auth', 'http', 'domain', 'testing', 'persistence', 'documents'];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // NestJS 12 and file-type (with its tokenizer dependencies) ship ES modules only; jest's CommonJS runtime gets them
  // compiled by swc like our own sources.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  transform: {
    '^.+\\.(ts|js)$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    ...Object.fromEntries(aliases.map((a) => [`^@fundline/${a}$`, `<rootDir>/libs/${a}/src`])),
    // file-type names its Node entry only under the `import` and `module-sync` conditions, which jest does not use.
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testTimeout: 60_000,
};
