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

const int = {
  ...common,
  displayName: 'int',
  testMatch: ['<rootDir>/**/*.int.spec.ts', '<rootDir>/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/tools/test/global-setup.ts',
  globalTeardown: '<rootDir>/tools/test/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/tools/test/int-setup.ts'],
};

// The cluster tier: existing integration tests, unchanged, against a real Temporal cluster on PostgreSQL (four
// service processes) instead of the dev server: PETITIONS_TEST_TEMPORAL=cluster makes the global setup start one
// (tools/test/test-temporal.ts). Only then is the `cluster` project defined, so a plain run never starts a cluster.
// The tier (tools/test.sh) runs these files; `npm run test:cluster` runs every integration file there.
const CLUSTER_TIER = [
  'apps/api/src/petitions/file-petition.int.spec.ts', // lifecycle through the API, workflow id/type, search attributes
  'apps/cli/src/cli.e2e.spec.ts', // the README walkthrough with the CLI: file, route, receive, notify, accept
  'apps/api/src/policies/policies.int.spec.ts', // policy publish and rollout to running cases; numbered letters
  'apps/api/src/audit/audit.int.spec.ts', // audit replay, timeline, verify one case and verify --all (visibility list)
  'libs/temporal/src/visibility-queries.int.spec.ts', // visibility queries on the case search attributes
  'workflows/src/petition-case.temporal-cli.e2e.spec.ts', // the temporal CLI: describe, update, query, codec
  'apps/api/src/scale-out.e2e.spec.ts', // two API and two worker processes, a worker lost
];
const cluster = {
  ...int,
  displayName: 'cluster',
  testMatch: process.env.PETITIONS_CLUSTER_SUITE === 'all' ? int.testMatch : CLUSTER_TIER.map((f) => `<rootDir>/${f}`),
};

module.exports = {
  projects: process.env.PETITIONS_TEST_TEMPORAL === 'cluster'
    ? [cluster]
    : [{ ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] }, int],
};
