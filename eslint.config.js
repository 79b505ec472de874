// Layering is checked, not just described: Nx tags + module boundaries (see shared architecture principles 1, 3, 11).
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');
const jest = require('eslint-plugin-jest');
const vue = require('eslint-plugin-vue');
const vueParser = require('vue-eslint-parser');

const noClockOrRandom = [
  'error',
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an input: pass it in (workflow time comes from workflow-clock.ts).' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is an input: pass it in.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids and randomness are inputs.' },
  { selector: "CallExpression[callee.name='randomUUID']", message: 'Ids are inputs.' },
];

module.exports = [
  { ignores: ['node_modules/**', 'tmp/**', '.tools/**', 'dist/**', '.nx/**', '**/*.js'] },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', {
        enforceBuildableLibDependency: false,
        allow: [],
        depConstraints: [
          { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: ['*'] },
          { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
            allowedExternalImports: ['@temporalio/workflow', '@temporalio/common'] },
          { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
            allowedExternalImports: ['@temporalio/workflow'] },
          { sourceTag: 'type:activity', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:data-access', 'type:infra'] },
          { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:data-access', 'type:infra'] },
          { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:workflow'] },
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
          { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain'] },
        ],
      }],
    },
  },
  // The bundle's workflow interceptors (traced runs only): the one workflows/ module allowed the OpenTelemetry interceptors.
  {
    files: ['workflows/src/tracing.interceptors.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: [
      { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: [], allowedExternalImports: ['@temporalio/workflow', '@temporalio/interceptors-opentelemetry/lib/workflow'] },
    ] }] },
  },
  // The workbench (apps/web, Vue 3 + Element Plus): Vue's recommended rules on its components, TypeScript's on its
  // scripts, the browser's globals, and no hand-written file over 300 lines.
  ...vue.configs['flat/recommended'].map((c) => ({ ...c, files: ['apps/web/**/*.vue'] })),
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['apps/web/**/*.vue'] })),
  {
    files: ['apps/web/**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module', extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.vue'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly', fetch: 'readonly' } },
    rules: {
      'max-lines': ['error', { max: 300 }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Element Plus components are used by their kebab-case names; one-word view names read best in the router.
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/attributes-order': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  { files: ['libs/domain/**/*.ts', 'workflows/**/*.ts'], ignores: ['**/*.spec.ts'], rules: { 'no-restricted-syntax': noClockOrRandom } },
  { files: ['**/*.spec.ts', 'tools/**/*.ts'], rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
  // Tests hold the line only if they run and can fail: none focused or disabled, no expect that a branch may skip.
  {
    files: ['**/*.spec.ts'],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: { 'jest/no-focused-tests': 'error', 'jest/no-disabled-tests': 'error', 'jest/no-conditional-expect': 'error' },
  },
];
