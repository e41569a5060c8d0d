import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createProjectGraphAsync, type ProjectGraph } from '@nx/devkit';
import { REPO_ROOT } from './support/git-workspace';

// The deploy tool's real dependencies are declared imports the project graph sees, and lint
// refuses a computed import path that would hide one again.

const CLI = '@portside/cli';
let graph: ProjectGraph;

beforeAll(async () => {
  graph = await createProjectGraphAsync({ exitOnError: false });
}, 120_000);

it('the project graph has the edges cli → @portside/k8s and cli → @portside/loadtests', () => {
  const edges = (graph.dependencies[CLI] ?? []).filter((edge) => edge.type === 'static');
  expect(edges.map((edge) => edge.target)).toEqual(
    expect.arrayContaining(['@portside/k8s', '@portside/loadtests']),
  );
});

it('every workspace package the CLI imports is declared in its package.json', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8'));
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  const sources = execFileSync('git', ['ls-files', 'deploy/cli/src', 'deploy/cli/test'], {
    cwd: REPO_ROOT,
  })
    .toString()
    .split('\n')
    .filter((file) => file.endsWith('.ts'));
  const imported = new Set(
    sources.flatMap((file) =>
      [
        ...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(
          /(?:from |import\()'(@portside\/[a-z0-9-]+)/g,
        ),
      ].map((match) => match[1] as string),
    ),
  );
  expect([...imported]).toEqual(expect.arrayContaining(['@portside/k8s', '@portside/loadtests']));
  expect([...imported].filter((name) => !declared.includes(name))).toEqual([]);
});

/** Lints snippets as if each were the given file, with the repository's ESLint config (one process). */
function lint(
  snippets: { filePath: string; code: string }[],
): { ruleId: string | null; message: string }[][] {
  const script = [
    "import { ESLint } from 'eslint';",
    'const snippets = JSON.parse(process.argv[1]);',
    'const eslint = new ESLint();',
    'const results = [];',
    'for (const { filePath, code } of snippets)',
    '  results.push((await eslint.lintText(code, { filePath }))[0].messages);',
    'console.log(JSON.stringify(results));',
  ].join('\n');
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(snippets)],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (run.status !== 0) throw new Error(`eslint did not run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

it('lint fails on a computed import or require, in the file that once had one too', () => {
  const computed = [
    "import path from 'node:path';",
    'export async function load(root: string) {',
    "  const plugin = await import(path.join(root, 'loadtests/src/index.ts'));",
    '  const other = require(`${root}/deploy/k8s`);',
    '  return [plugin, other];',
    '}',
    '',
  ].join('\n');
  const literal = "export const load = () => import('@portside/k8s');\n";
  const [formerlyExempt, anyFile, literalImport] = lint([
    { filePath: 'deploy/cli/src/perf/load-plan.ts', code: computed },
    { filePath: 'deploy/cli/src/perf/computed.ts', code: computed },
    { filePath: 'deploy/cli/src/perf/literal.ts', code: literal },
  ]);
  for (const messages of [formerlyExempt, anyFile])
    expect(
      messages!.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message),
    ).toEqual([
      expect.stringMatching(/^Import by a literal module name/),
      expect.stringMatching(/^Require by a literal module name/),
    ]);
  expect(literalImport).toEqual([]);
});
