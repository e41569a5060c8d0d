import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Module boundaries: who may import whom, by the tags in each package.json.
const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:lib', 'type:data', 'type:contracts'],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:data', 'type:contracts'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  { sourceTag: 'scope:cart', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  { sourceTag: 'scope:order', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  {
    sourceTag: 'scope:storefront',
    onlyDependOnLibsWithTags: ['scope:shared'],
    bannedExternalImports: [
      'express',
      '@prisma/*',
      'ioredis',
      'pg',
      'dockerode',
      '@kubernetes/client-node',
      'pino',
      'pino-http',
    ],
  },
  {
    sourceTag: 'scope:deploy',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:deploy', 'scope:loadtests'],
  },
  { sourceTag: 'scope:loadtests', onlyDependOnLibsWithTags: ['scope:shared'] },
];

// Tests may also use the testing libs (testkit, ./testing entries); product code may not.
const testDepConstraints = depConstraints.map((c) =>
  c.onlyDependOnLibsWithTags?.includes('type:testing') || c.sourceTag.startsWith('scope:')
    ? c
    : { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] },
);
const testFiles = [
  '**/*.spec.ts',
  '**/*.spec.tsx',
  '**/test/**/*.ts',
  '**/test/**/*.tsx',
  '**/e2e/**/*.ts',
  // The benchmarks start services and measure them, as tests do.
  'loadtests/bench/**/*.ts',
];

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/coverage',
      '**/.nx',
      '**/generated',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
      'no-console': 'error',
      // Every dependency a declared import, so the project graph and these boundaries see it.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.type!='Literal']",
          message: 'Import by a literal module name: a computed path hides the dependency.',
        },
        {
          selector: "CallExpression[callee.name='require'][arguments.0.type!='Literal']",
          message: 'Require by a literal module name: a computed path hides the dependency.',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: testDepConstraints },
      ],
    },
  },
  {
    files: [...testFiles, 'scripts/**', 'deploy/cli/src/**', 'loadtests/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
];
