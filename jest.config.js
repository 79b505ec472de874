// One Jest config for every tier; the tier is chosen by file suffix (see README "Tests").
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];

const moduleNameMapper = {
  '^@petitions/(domain|contracts|read-model|temporal|config|letters|audit|observability)$': '<rootDir>/libs/$1/src/index.ts',
  '^@petitions/workflows$': '<rootDir>/workflows/src/index.ts',
  '^@petitions/activities$': '<rootDir>/activities/src/index.ts',
};

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.tools/', '<rootDir>/tmp/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts', '<rootDir>/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/tools/test/global-setup.ts',
      globalTeardown: '<rootDir>/tools/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tools/test/int-setup.ts'],
    },
  ],
};
