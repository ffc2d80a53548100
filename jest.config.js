// NestJS 12 and jose ship as ES modules only. The project is CommonJS (Node 20.19+ loads
// ESM packages through require(esm) at run time); under jest, swc compiles those packages
// to CommonJS on the fly, so they are listed as exceptions to transformIgnorePatterns.
const esmOnly = [
  '@nestjs',
  'jose',
  'uid',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
  'cookie',
  'content-disposition',
  'toad-cache',
  '@standard-schema',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: { '^@lic/([^/]+)$': '<rootDir>/libs/$1/src' },
  testTimeout: 30000,
};
