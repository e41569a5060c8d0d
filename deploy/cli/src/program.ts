import { Command, Option } from 'commander';
import { build } from './commands/build';
import { capacity, formatCapacity } from './commands/capacity';
import { formatComparison, perfCompare } from './commands/perf';
import { writeHtmlReport } from './perf/report/html-report';
import { deploy } from './commands/deploy';
import { down } from './commands/down';
import { loadtest } from './commands/loadtest';
import { logs } from './commands/logs';
import { push } from './commands/push';
import { rollback } from './commands/rollback';
import { formatReleases, releases } from './commands/releases';
import { restart } from './commands/restart';
import { scale } from './commands/scale';
import { formatStatus, status } from './commands/status';
import { unlock } from './commands/unlock';
import { up } from './commands/up';
import { describeHolder } from './releases/holder';
import { version } from '../package.json';
import type { Release } from './core/ledger';
import { defaultContext } from './core/context';
import { wholeNumber } from './core/number-option';
import { fraction, positiveNumber, stepList } from './perf/number-options';
import { runCommand, type CommandOutcome } from './core/run-command';
import type { Reporter } from './core/reporter';

// Only wiring: the commands and their flags, each handed to its command; runCommand turns the
// result into output and an exit code. cli.ts parses the arguments with it.

export const program = new Command('portside')
  .description('Build, push and roll out Portside to Docker Compose or Kubernetes.')
  .version(version, '-V, --version', 'print the version of portside')
  .showHelpAfterError('(portside <command> --help shows the options)')
  .exitOverride((error) => {
    // Commander's own usage errors (unknown option, missing argument) are bad input: exit 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

type Opts = Record<string, unknown> & { output?: 'text' | 'json' };

function command(name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .addOption(
      new Option('-o, --output <format>', 'text for people, json for machines')
        .choices(['text', 'json'])
        .default('text'),
    );
}

const withCompose = (cmd: Command) =>
  cmd
    .option(
      '--compose-file <file>',
      'the Compose stack (default docker/compose.yaml, or PORTSIDE_COMPOSE_FILE)',
    )
    .option(
      '--project-name <name>',
      'the Compose project (default portside, or PORTSIDE_COMPOSE_PROJECT)',
    )
    .option(
      '--with <layer...>',
      'add docker/compose.<layer>.yaml, e.g. observability (or PORTSIDE_COMPOSE_LAYERS=a,b)',
    );

const withCluster = (cmd: Command) =>
  cmd
    .option('--context <name>', 'kube context (default: the current one)')
    .option(
      '--namespace <name>',
      "namespace (default: the manifests' own, else the context's, else portside)",
    );
const withKube = (cmd: Command) =>
  withCluster(cmd).option(
    '--manifests <dir>',
    'kustomize folder (default deploy/k8s/overlays/local, else deploy/k8s/base)',
  );

const withRollout = (cmd: Command) =>
  cmd
    .option(
      '--health-timeout <seconds>',
      'how long new replicas get to become healthy',
      wholeNumber(1),
      90,
    )
    .option(
      '--dns-grace <ms>',
      "how long the edge may cache a service's addresses",
      wholeNumber(0),
      2000,
    )
    .option(
      '--rollout-timeout <seconds>',
      "k8s: how long each workload gets to roll out (default: a Deployment's progressDeadlineSeconds plus 30, else 300)",
      wholeNumber(1),
    )
    .option(
      '--poll-interval <ms>',
      'k8s: how often rollout status is read',
      wholeNumber(100),
      1000,
    );

const rolloutOptions = (opts: Opts) => ({
  composeFile: opts.composeFile as string | undefined,
  projectName: opts.projectName as string | undefined,
  with: opts.with as string[] | undefined,
  context: opts.context as string | undefined,
  namespace: opts.namespace as string | undefined,
  manifests: opts.manifests as string | undefined,
  timing: {
    healthTimeoutMs: ((opts.healthTimeout as number | undefined) ?? 90) * 1000,
    dnsGraceMs: (opts.dnsGrace as number | undefined) ?? 2000,
  },
  rolloutTimeoutMs:
    opts.rolloutTimeout === undefined ? undefined : (opts.rolloutTimeout as number) * 1000,
  pollMs: (opts.pollInterval as number | undefined) ?? 1000,
});

const run = (opts: Opts, work: (reporter: Reporter) => Promise<CommandOutcome>) =>
  runCommand(opts, work);
const releaseSummary = (release: Release) =>
  `release ${release.id} ${release.outcome} on ${release.target}`;

command('build', 'build images for every deployable app, the named ones, or the affected ones')
  .argument('[apps...]', 'apps to build (default: every app with a Dockerfile)')
  .option('--affected', 'only apps Nx sees as affected by the current changes')
  .option('--concurrency <n>', 'builds at once', wholeNumber(1), 2)
  .action((apps: string[], opts: Opts) =>
    run(opts, async (reporter) => {
      const images = await build(
        { apps, affected: Boolean(opts.affected), concurrency: opts.concurrency as number },
        defaultContext(reporter),
      );
      return {
        data: { images },
        summary: images
          .map((image) => `${image.app}\tportside/${image.app}:${image.tag}\t${image.imageId}`)
          .join('\n'),
      };
    }),
  );

command('push', 'push the built images to a registry (a local one is started when none answers)')
  .argument('[apps...]', 'apps to push (default: everything built)')
  .option(
    '--registry <host[:port][/namespace]>',
    'registry, optionally with a namespace such as ghcr.io/acme (default localhost:5000)',
  )
  .action((apps: string[], opts: Opts) =>
    run(opts, async (reporter) => {
      const pushed = await push(
        { apps, registry: opts.registry as string | undefined },
        defaultContext(reporter),
      );
      return {
        data: { pushed },
        summary: pushed
          .map(
            (image) =>
              `${image.app}\t${image.registry}/${image.repository}@${image.digest}${image.skipped ? '\t(already there)' : ''}`,
          )
          .join('\n'),
      };
    }),
  );

withRollout(withKube(withCompose(command('deploy', 'roll the pushed images out to a target'))))
  .requiredOption('--target <target>', 'compose or k8s')
  .option('--verify <profile>', 'after the rollout, load test it; roll back when it fails')
  .option('--verify-runs <n>', 'runs of the verify profile', wholeNumber(1), 5)
  .option(
    '--verify-margin <fraction>',
    'a significant change worse than this fails (0.1 = 10 %)',
    positiveNumber,
    0.1,
  )
  .option('--verify-seconds <s>', 'autocannon runner: seconds per run', wholeNumber(1))
  .option('--verify-connections <n>', 'autocannon runner: connections per run', wholeNumber(1))
  .option('--url <url>', 'k8s: the address the ingress answers on (for --verify)')
  .action((opts: Opts) =>
    run(opts, async (reporter) => {
      const release = await deploy(
        {
          target: opts.target as string,
          ...rolloutOptions(opts),
          verify: opts.verify
            ? {
                profile: opts.verify as string,
                runs: opts.verifyRuns as number,
                margin: opts.verifyMargin as number,
                duration: opts.verifySeconds as number | undefined,
                connections: opts.verifyConnections as number | undefined,
                url: opts.url as string | undefined,
              }
            : undefined,
        },
        defaultContext(reporter),
      );
      return { data: { release }, summary: releaseSummary(release) };
    }),
  );

withRollout(
  withKube(
    withCompose(
      command('rollback', 'redeploy the previous successful release (or --to a named one)'),
    ),
  ),
)
  .option('--to <release>', 'release id from the ledger')
  .option('--target <target>', 'compose or k8s', 'compose')
  .action((opts: Opts) =>
    run(opts, async (reporter) => {
      const release = await rollback(
        {
          target: opts.target as string,
          to: opts.to as string | undefined,
          ...rolloutOptions(opts),
        },
        defaultContext(reporter),
      );
      return {
        data: { release },
        summary: `${releaseSummary(release)} (back to ${release.rollbackOf})`,
      };
    }),
  );

withCluster(
  withCompose(
    command(
      'status',
      "what runs on each target: its current release and lock holder, each service's image, replicas, health",
    ),
  ),
).action((opts: Opts) =>
  run(opts, async (reporter) => {
    const report = await status({ ...rolloutOptions(opts) }, defaultContext(reporter));
    return { data: report, summary: formatStatus(report) };
  }),
);

withCompose(
  command('logs', "an app's logs from its Compose replicas (json: collected, no --follow)"),
)
  .argument('<app>', 'app name, e.g. catalog')
  .option('-f, --follow', 'keep following')
  .option('--tail <lines>', 'lines from the end', wholeNumber(0), 200)
  .action((app: string, opts: Opts) =>
    run(opts, async (reporter) => {
      const result = await logs(
        { app, follow: Boolean(opts.follow), tail: String(opts.tail), ...rolloutOptions(opts) },
        defaultContext(reporter),
      );
      return { data: result, summary: '' };
    }),
  );

const targetOption = (cmd: Command) =>
  cmd.addOption(
    new Option('--target <target>', 'compose or k8s')
      .choices(['compose', 'k8s'])
      .default('compose'),
  );

withKube(
  withCompose(
    targetOption(command('releases', "a target's release history, as the target keeps it")),
  ),
).action((opts: Opts) =>
  run(opts, async (reporter) => {
    const found = await releases(
      { target: opts.target as string, ...rolloutOptions(opts) },
      defaultContext(reporter),
    );
    return { data: found, summary: formatReleases(found.where, found.releases) };
  }),
);

withRollout(
  withKube(
    withCompose(
      targetOption(command('restart', 'fresh processes for an app, same image, no downtime')),
    ),
  ),
)
  .argument('<app>', 'app name, e.g. catalog')
  .action((app: string, opts: Opts) =>
    run(opts, async (reporter) => {
      const result = await restart(
        { app, target: opts.target as string, ...rolloutOptions(opts) },
        defaultContext(reporter),
      );
      return { data: result, summary: `restarted ${result.restarted.join(', ')}` };
    }),
  );

withRollout(
  withKube(withCompose(targetOption(command('scale', 'set how many replicas an app runs')))),
)
  .argument('<app=replicas>', 'e.g. catalog=3')
  .action((request: string, opts: Opts) =>
    run(opts, async (reporter) => {
      const result = await scale(
        { request, target: opts.target as string, ...rolloutOptions(opts) },
        defaultContext(reporter),
      );
      return { data: result, summary: `${result.app} runs ${result.replicas} replica(s)` };
    }),
  );

withKube(
  withCompose(
    targetOption(command('unlock', "break a target's lock whose holder died on another machine")),
  ),
).action((opts: Opts) =>
  run(opts, async (reporter) => {
    const result = await unlock(
      { target: opts.target as string, ...rolloutOptions(opts) },
      defaultContext(reporter),
    );
    return {
      data: result,
      summary: result.holder
        ? `unlocked ${result.where} (was held by ${describeHolder(result.holder)})`
        : `${result.where} was not locked`,
    };
  }),
);

withRollout(withCompose(command('up', 'build, push and deploy to Compose (what npm start runs)')))
  .option(
    '--registry <host[:port][/namespace]>',
    'registry, optionally with a namespace such as ghcr.io/acme (default localhost:5000)',
  )
  .option('--observability', 'same as --with observability: Prometheus, Grafana, Jaeger...')
  .action((opts: Opts) =>
    run(opts, async (reporter) => {
      const layers = [
        ...((opts.with as string[] | undefined) ?? []),
        ...(opts.observability ? ['observability'] : []),
      ];
      const release = await up(
        {
          registry: opts.registry as string | undefined,
          ...rolloutOptions(opts),
          ...(layers.length > 0 ? { with: layers } : {}),
        },
        defaultContext(reporter),
      );
      return {
        data: { release },
        summary: `${releaseSummary(release)}; the stack answers on http://127.0.0.1:${process.env.PORTSIDE_HTTP_PORT ?? 8080}`,
      };
    }),
  );

withCompose(command('down', 'stop and remove the Compose stack'))
  .option('--volumes', 'also delete its data volumes')
  .action((opts: Opts) =>
    run(opts, async (reporter) => {
      await down(
        { volumes: Boolean(opts.volumes), ...rolloutOptions(opts) },
        defaultContext(reporter),
      );
      return { data: { down: true }, summary: 'stack removed' };
    }),
  );

withCompose(command('loadtest', 'run a load test profile against what is deployed'))
  .argument('<profile>', 'a profile of the loadtests project, e.g. smoke')
  .option('--target <target>', 'compose, k8s or a base URL', 'compose')
  .option('--url <url>', 'k8s: the address the ingress answers on')
  .option(
    '--runs <n>',
    'runs to keep for this release (3 or more make a baseline)',
    wholeNumber(1),
    1,
  )
  .option(
    '--seconds <s>',
    "autocannon runner: seconds per run instead of the profile's",
    wholeNumber(1),
  )
  .option(
    '--connections <n>',
    "autocannon runner: connections instead of the profile's",
    wholeNumber(1),
  )
  .action((profile: string, opts: Opts) =>
    run(opts, async (reporter) => {
      const result = await loadtest(
        {
          profile,
          target: opts.target as string,
          url: opts.url as string | undefined,
          runs: opts.runs as number,
          duration: opts.seconds as number | undefined,
          connections: opts.connections as number | undefined,
          ...rolloutOptions(opts),
        },
        defaultContext(reporter),
      );
      return {
        data: result,
        summary: `${result.runnerNote}\n${result.runs.length} run(s) of "${profile}" kept in ${result.resultsFile}`,
      };
    }),
  );

const perf = program.command('perf').description('compare releases by their load test runs');
perf
  .command('compare')
  .description('two releases side by side (default: the last two with results), benchstat style')
  .argument('[before]', 'release id (default: the one before the newest with results)')
  .argument('[after]', 'release id (default: the newest with results)')
  .addOption(
    new Option('-o, --output <format>', 'text for people, json for machines')
      .choices(['text', 'json'])
      .default('text'),
  )
  .option('--profile <name>', 'the load test profile (default: the one both releases have)')
  .option('--alpha <p>', 'significance level of the Mann-Whitney U test', fraction, 0.05)
  .option('--across-machines', 'compare runs measured on different machines anyway')
  .option('--html <file>', 'also write the HTML report with charts')
  .action((before: string | undefined, after: string | undefined, opts: Opts) =>
    run(opts, async (reporter) => {
      const ctx = defaultContext(reporter);
      const comparison = await perfCompare(
        {
          before,
          after,
          profile: opts.profile as string | undefined,
          alpha: opts.alpha as number,
          acrossMachines: Boolean(opts.acrossMachines),
        },
        ctx,
      );
      if (opts.html) await writeHtmlReport(opts.html as string, comparison.profile, ctx);
      return { data: comparison, summary: formatComparison(comparison) };
    }),
  );

withCompose(
  command('capacity', 'stepped load, a USL fit, sizing and availability, then a self-check'),
)
  .argument('[profile]', 'the loadtests profile whose journeys are played', 'smoke')
  .option('--journey <name>', 'one journey (one service) instead of the whole stack')
  .option('--target <target>', 'compose, k8s or a base URL', 'compose')
  .option('--url <url>', 'k8s: the address the ingress answers on')
  .option('--steps <list>', 'concurrency of each step', stepList, [1, 2, 4, 8, 16, 32])
  .option('--step-seconds <s>', 'seconds per step', wholeNumber(1), 10)
  .option('--step-runs <n>', 'runs per step, the median counts', wholeNumber(1), 1)
  .option('--replicas <n>', 'replicas serving during the test', wholeNumber(1), 1)
  .option('--target-rate <r>', 'requests per second to size the deployment for', positiveNumber)
  .option('--max-utilisation <fraction>', 'busiest a replica may be (headroom)', fraction, 0.7)
  .option('--replica-availability <fraction>', 'availability of one replica', fraction, 0.99)
  .option('--slo-p95 <ms>', "p95 objective (default: the profile's SLO)", positiveNumber)
  .option('--html <file>', 'also write the HTML report with charts')
  .action((profile: string, opts: Opts) =>
    run(opts, async (reporter) => {
      const ctx = defaultContext(reporter);
      const report = await capacity(
        {
          profile,
          journey: opts.journey as string | undefined,
          target: opts.target as string,
          url: opts.url as string | undefined,
          steps: opts.steps as number[],
          stepSeconds: opts.stepSeconds as number,
          stepRuns: opts.stepRuns as number,
          replicas: opts.replicas as number,
          targetRate: opts.targetRate as number | undefined,
          maxUtilisation: opts.maxUtilisation as number,
          replicaAvailability: opts.replicaAvailability as number,
          sloP95: opts.sloP95 as number | undefined,
          ...rolloutOptions(opts),
        },
        ctx,
      );
      if (opts.html) await writeHtmlReport(opts.html as string, profile, ctx);
      return { data: report, summary: formatCapacity(report) };
    }),
  );
