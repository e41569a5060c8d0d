import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { overlayDir, renderKustomization } from '@portside/k8s';
import { version } from '../package.json';
import { program } from '../src/program';
import { commandsIn, documents, words, type DocCommand } from './support/doc-commands';
import { checkCompose, checkKubectl, checkPortside, exists, ranWith } from './support/doc-checks';
import { REPO_ROOT } from './support/git-workspace';
import { runCli } from './support/run-cli';

// Every command shown in a shell block of README.md and docs/*.md is covered by a row below:
// run here (cheap, safe ones, or their --help), mapped to the test that runs it for real (the
// file must exist and contain the text named), or listed as not runnable on these machines with
// the reason and a check of what it names (flags in --help, files, Kubernetes objects). A
// command no row covers fails the suite, and so does a row no command uses.

interface Coverage {
  /** The commands this row covers, as the docs show them (trailing comments removed). */
  shown: RegExp;
  /** What runs here: the command, its --help, or a check of what it names. The problems found. */
  check?: (command: DocCommand) => string[] | Promise<string[]>;
  /** The test that runs it for real, and text that test contains. */
  testedBy?: { file: string; text: string };
  /** Why it cannot run on these machines (no cluster, no k6); `check` then says what is checked. */
  notRunnableHere?: string;
}

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const portside = (file: string, text: string): Pick<Coverage, 'check' | 'testedBy'> => ({
  check: ({ text: shown }) => checkPortside(shown),
  testedBy: { file: `deploy/cli/test/${file}`, text },
});
/** `NAME=value ... <command>`: each variable is one the named files read. */
const variablesReadBy =
  (files: string[]) =>
  ({ text }: DocCommand): string[] => {
    const sources = files.map(read).join('\n');
    return words(text)
      .filter((word) => /^[A-Z0-9_]+=/.test(word))
      .map((word) => word.split('=')[0]!)
      .filter((name) => !sources.includes(name))
      .map((name) => `${name} is read by none of ${files.join(', ')}`);
  };
const APPS = ['catalog', 'cart', 'order', 'storefront'];
const composeAndDockerfiles = ['docker/compose.yaml', ...APPS.map((a) => `apps/${a}/Dockerfile`)];
const NO_CLUSTER = 'needs a Kubernetes cluster (kind or minikube); none can run on these machines';
const kindDoc = () => read('docs/kubernetes.md');

const COVERAGE: Coverage[] = [
  // README.md, containers.md: the npm scripts.
  {
    shown: /^npm ci && npm start$/,
    check: async () => [
      ...(exists('package-lock.json') ? [] : ['no package-lock.json for npm ci']),
      ...(await ranWith(['npm', 'start', '--', '--help'], ['Usage: portside up'])),
    ],
    testedBy: { file: 'deploy/cli/test/real-stack.test.ts', text: "cli('up')" },
  },
  {
    shown: /^npm start$/,
    check: () => ranWith(['npm', 'start', '--', '--help'], ['Usage: portside up']),
    testedBy: { file: 'deploy/cli/test/real-stack.test.ts', text: "cli('up')" },
  },
  {
    shown: /^npm start -- --observability$/,
    // The same run as `npm start -- --help`: the option is in the help npm start prints.
    check: () => ranWith(['npm', 'start', '--', '--help'], ['--observability']),
  },
  {
    shown: /^npm stop$/,
    check: () => ranWith(['npm', 'stop', '--', '--help'], ['Usage: portside down', '--volumes']),
  },
  {
    shown: /^(NODE|NGINX|POSTGRES|REDIS)_IMAGE=.* npm start$/,
    check: async (command) => [
      ...variablesReadBy(composeAndDockerfiles)(command),
      ...(await ranWith(['npm', 'start', '--', '--help'], ['Usage: portside up'])),
    ],
  },
  {
    shown: /^npm test$/,
    notRunnableHere: 'it is the whole CI run (about 13 minutes), this suite among it',
    check: () => {
      const test = JSON.parse(read('package.json')).scripts.test as string;
      return ['prettier --check .', '-t lint,typecheck,test']
        .filter((part) => !test.includes(part))
        .map((part) => `npm test does not run ${part}`);
    },
  },
  {
    shown: /^npm run dev$/,
    check: () =>
      ranWith(
        ['npm', 'run', 'dev', '--', '--help'],
        [/catalog\s+:3001/, /cart\s+:3002/, /order\s+:3003/, /storefront\s+:5173/],
      ),
  },

  // checkout-faults.md: the order service's fault points.
  {
    shown: /^FAULTS=/,
    check: ({ text }) =>
      text
        .slice('FAULTS='.length)
        .split(',')
        .map((fault) => fault.split(':')[0]!)
        .filter((point) => !read('apps/order/src/domain/faults.ts').includes(`'${point}'`))
        .map((point) => `no fault point ${point} in apps/order/src/domain/faults.ts`),
    testedBy: { file: 'apps/order/test/faults-and-admin.test.ts', text: 'FAULTS:' },
  },
  {
    shown: /^TOKEN=/,
    check: ({ text }) =>
      read('docker/.env').includes(`ADMIN_TOKEN=${text.slice('TOKEN='.length)}`)
        ? []
        : ['the token is not the ADMIN_TOKEN of docker/.env'],
  },
  {
    shown: /^curl -s (-X PUT )?http:\/\/127\.0\.0\.1:8080\/api\/orders\/admin\/faults /,
    testedBy: {
      file: 'apps/order/test/faults-and-admin.test.ts',
      text: "'/api/orders/admin/faults'",
    },
  },

  // The deploy tool (deploy.md, ci-cd.md, kubernetes.md, observability.md, performance-models.md).
  { shown: /^npx portside build\b/, ...portside('real-stack.test.ts', "plainCli('build')") },
  { shown: /^npx portside push\b/, ...portside('registry-push.test.ts', "['push',") },
  {
    shown: /^npx portside deploy --target compose --verify /,
    ...portside('verified-deploy.test.ts', "'--verify'"),
  },
  {
    shown: /^npx portside deploy --target compose\b/,
    ...portside('compose-rollout.test.ts', "cli('deploy', '--target', 'compose')"),
  },
  { shown: /^npx portside deploy --target k8s\b/, ...portside('k8s-rollout.test.ts', "'deploy',") },
  { shown: /^npx portside status\b/, ...portside('compose-rollout.test.ts', "cli('status'") },
  {
    shown: /^npx portside releases\b/,
    ...portside('compose-rollout.test.ts', "secondCli('releases'"),
  },
  {
    shown: /^npx portside rollback\b/,
    ...portside('compose-rollout.test.ts', "secondCli('rollback'"),
  },
  { shown: /^npx portside restart\b/, ...portside('k8s-shared-target.test.ts', "'restart',") },
  { shown: /^npx portside scale\b/, ...portside('k8s-shared-target.test.ts', "['scale',") },
  { shown: /^npx portside logs\b/, ...portside('compose-rollout.test.ts', "cli('logs'") },
  {
    shown: /^npx portside loadtest\b/,
    ...portside('verified-deploy.test.ts', "cli('loadtest'"),
  },
  {
    shown: /^npx portside perf compare\b/,
    ...portside('verified-deploy.test.ts', "plainCli('perf', 'compare'"),
  },
  { shown: /^npx portside capacity\b/, ...portside('verified-deploy.test.ts', "'capacity',") },
  // No end-to-end test runs these as shown: their --help is what runs here.
  { shown: /^npx portside (up --with|unlock|down)\b/, check: ({ text }) => checkPortside(text) },
  {
    shown: /^npx portside --version$/,
    check: async () => {
      const printed = await runCli(['--version'], { cwd: REPO_ROOT });
      return printed.stdout === `${version}\n` ? [] : [`--version printed ${printed.stdout}`];
    },
  },

  // Compose by hand.
  {
    shown: /^docker compose -f docker\/compose\.yaml( -f \S+)* (up|exec) /,
    check: ({ text }) => checkCompose(text),
  },
  {
    shown: /^docker build -f apps\/catalog\/Dockerfile -t portside\/catalog \.$/,
    check: () => (exists('apps/catalog/Dockerfile') ? [] : ['no apps/catalog/Dockerfile']),
    // `portside build` builds every app's Dockerfile with the repository as context.
    testedBy: { file: 'deploy/cli/test/real-stack.test.ts', text: "plainCli('build')" },
  },

  // kubernetes.md: a local cluster.
  {
    shown: /^cat >>? \/tmp\/portside-kind\.yaml <<'EOF'$/,
    notRunnableHere: 'writes the configuration of a kind cluster, which cannot run here',
    check: ({ heredoc }) => {
      const config = parseYaml(heredoc ?? '');
      return config && typeof config === 'object' ? [] : ['the kind configuration is not YAML'];
    },
  },
  {
    shown: /^kind (create|delete) cluster --name portside( --config \/tmp\/portside-kind\.yaml)?$/,
    notRunnableHere: NO_CLUSTER,
    check: () =>
      kindDoc().includes("cat > /tmp/portside-kind.yaml <<'EOF'")
        ? []
        : ['the page does not write /tmp/portside-kind.yaml'],
  },
  {
    shown:
      /^kubectl apply -f https:\/\/kind\.sigs\.k8s\.io\/examples\/ingress\/deploy-ingress-nginx\.yaml$/,
    notRunnableHere: `${NO_CLUSTER}; the manifest is fetched from the internet`,
    check: () =>
      renderKustomization(overlayDir('local')).some(
        (o) =>
          o.kind === 'Ingress' &&
          (o.spec as { ingressClassName?: string }).ingressClassName === 'nginx',
      )
        ? []
        : ['overlays/local has no Ingress of class nginx for ingress-nginx to serve'],
  },
  { shown: /^kubectl /, notRunnableHere: NO_CLUSTER, check: ({ text }) => checkKubectl(text) },
  {
    shown: /^minikube (start )?-p portside /,
    notRunnableHere: NO_CLUSTER,
    check: ({ text }) =>
      kindDoc().includes('minikube delete -p portside') ? [] : [`${text}: no matching delete`],
  },
  {
    shown:
      /^for app in catalog cart order storefront; do docker build -f apps\/\$app\/Dockerfile -t portside\/\$app:dev \.; done$/,
    check: () =>
      APPS.filter((app) => !exists(`apps/${app}/Dockerfile`)).map((a) => `no apps/${a}/Dockerfile`),
    testedBy: { file: 'deploy/cli/test/real-stack.test.ts', text: "plainCli('build')" },
  },
  {
    shown:
      /^for app in catalog cart order storefront; do (kind load docker-image|minikube -p portside image load) portside\/\$app:dev/,
    notRunnableHere: NO_CLUSTER,
    check: () => {
      const images = renderKustomization(overlayDir('local')).flatMap((o) =>
        o.kind === 'Deployment'
          ? (
              (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
                .containers ?? []
            ).map((c) => c.image)
          : [],
      );
      return APPS.filter((app) => !images.includes(`portside/${app}:dev`)).map(
        (app) => `overlays/local does not run portside/${app}:dev`,
      );
    },
  },
  {
    shown:
      /^docker run -d --restart=always -p 127\.0\.0\.1:5001:5000 --name kind-registry registry:2$/,
    notRunnableHere: 'the registry serves a kind cluster, which cannot run here',
    check: () =>
      kindDoc().includes('npx portside push --registry localhost:5001')
        ? []
        : ['the page pushes to another port than the registry publishes'],
  },
  {
    shown: /^for node in \$\(kind get nodes --name portside\); do /,
    notRunnableHere: NO_CLUSTER,
    check: ({ text }) =>
      text.includes('certs.d/localhost:5001') && text.includes('http://kind-registry:5000')
        ? []
        : ['the node configuration names another registry than the one started'],
  },
  {
    shown: /^docker network connect kind kind-registry$/,
    notRunnableHere: 'the kind network exists only with a kind cluster',
    check: () =>
      kindDoc().includes('--name kind-registry') ? [] : ['no container kind-registry started'],
  },
  {
    shown: /^curl -s 'http:\/\/127\.0\.0\.1:8080\/api\/products\?limit=3'$/,
    notRunnableHere: 'reads the catalog through a port-forward to a cluster',
    check: () =>
      kindDoc().includes('port-forward service/storefront 8080:80')
        ? []
        : ['nothing on the page forwards 127.0.0.1:8080 to the cluster'],
    testedBy: { file: 'apps/catalog/test/products.test.ts', text: '/api/products?limit=' },
  },

  // Load tests and observability.
  {
    shown: /^npm run k6 -w loadtests -- \w+ --url http:\/\/127\.0\.0\.1:8080$/,
    notRunnableHere: 'k6 (and its image) cannot be installed here; the --help runs',
    check: ({ text }) =>
      ranWith(
        ['npm', 'run', 'k6', '-w', 'loadtests', '--', '--help'],
        [new RegExp(`profiles: .*\\b${words(text)[6]}\\b`), '--url'],
      ),
  },
  {
    shown: /^K6_PROMETHEUS_RW_SERVER_URL=\S+ K6_PROMETHEUS_RW_TREND_STATS=\S+ k6 run /,
    notRunnableHere: 'k6 cannot be installed here',
    check: ({ text }) => {
      const script = words(text).at(-1)!;
      return [
        ...(exists(script) ? [] : [`no ${script}`]),
        ...(read('docker/compose.observability.yaml').includes('--web.enable-remote-write-receiver')
          ? []
          : ['Prometheus does not accept remote writes']),
      ];
    },
  },
  {
    shown:
      /^(PROMETHEUS|ALERTMANAGER|POSTGRES_EXPORTER|REDIS_EXPORTER)_IMAGE=.* npx nx run @portside\/observability:test$/,
    check: variablesReadBy(['docker/compose.observability.yaml']),
    // The command is that project's test suite: CI runs it.
    testedBy: {
      file: 'docker/observability/package.json',
      text: '"name": "@portside/observability"',
    },
  },
  {
    shown: /^node docker\/observability\/scripts\/generate-rules\.mjs$/,
    testedBy: {
      file: 'docker/observability/test/config-files.test.ts',
      text: "generated('generate-rules.mjs')",
    },
  },
  {
    shown:
      /^node docker\/observability\/scripts\/generate-rules\.mjs --fast-clock=\d+ > \S+\.yaml$/,
    // The live suite loads the fast-clock rules into Prometheus and fires them.
    testedBy: {
      file: 'docker/observability/test/support/stack.ts',
      text: '`--fast-clock=${TIME_SCALE}`',
    },
  },
  {
    shown: /^cd (libs\/perf-models|deploy\/cli) && npx jest( \S+)*$/,
    // The command is a test run itself: the project and every path it names exist.
    check: ({ text }) => {
      const [dir, ...paths] = words(text).filter((w) => !['cd', '&&', 'npx', 'jest'].includes(w));
      return [`${dir}/jest.config.cjs`, ...paths.map((p) => `${dir}/${p}`)]
        .filter((file) => !exists(file))
        .map((file) => `no ${file}`);
    },
  },
];

const shown = documents().flatMap(commandsIn);
const rowOf = (command: DocCommand) => COVERAGE.find((row) => row.shown.test(command.text));
const where = (command: DocCommand) => `${command.doc}:${command.line} ${command.text}`;

it('finds the commands of every page', () => {
  const docs = new Set(shown.map((command) => command.doc));
  expect([...docs]).toEqual(
    expect.arrayContaining(['README.md', 'docs/deploy.md', 'docs/kubernetes.md']),
  );
  expect(shown.length).toBeGreaterThan(50);
});

it('every command a doc shows is covered by a row, and every row covers one', () => {
  expect(shown.filter((command) => !rowOf(command)).map(where)).toEqual([]);
  const used = new Set(shown.map(rowOf));
  expect(COVERAGE.filter((row) => !used.has(row)).map((row) => row.shown.source)).toEqual([]);
  for (const row of COVERAGE) {
    expect({ row: row.shown.source, covered: Boolean(row.check || row.testedBy) }).toEqual({
      row: row.shown.source,
      covered: true,
    });
    // What cannot run here is at least checked: the flags, files or objects it names.
    if (row.notRunnableHere)
      expect({ row: row.shown.source, checked: Boolean(row.check) }).toEqual({
        row: row.shown.source,
        checked: true,
      });
  }
});

it('the test named for a command exists and runs it', () => {
  const missing = COVERAGE.flatMap(({ testedBy }) =>
    testedBy && !(exists(testedBy.file) && read(testedBy.file).includes(testedBy.text))
      ? [`${testedBy.file} does not contain ${testedBy.text}`]
      : [],
  );
  expect(missing).toEqual([]);
});

it('what the docs show runs here, or is true of the code where it cannot run', async () => {
  const problems = await Promise.all(
    shown.map(async (command) =>
      ((await rowOf(command)?.check?.(command)) ?? []).map((p) => `${where(command)}: ${p}`),
    ),
  );
  expect(problems.flat()).toEqual([]);
}, 120_000);

it('the binary lists every command in its --help', async () => {
  const help = await runCli(['--help'], { cwd: REPO_ROOT });
  expect(help.code).toBe(0);
  for (const command of program.commands)
    expect(help.stdout).toMatch(new RegExp(`^  ${command.name()}\\b`, 'm'));
});

it('status takes no --manifests: it finds the namespace as deploy does', () => {
  const status = program.commands.find((command) => command.name() === 'status');
  expect(status?.options.map((option) => option.long)).not.toContain('--manifests');
});
