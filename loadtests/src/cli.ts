import { parseArgs } from 'node:util';
import { isProfile, PROFILES } from './profiles';
import { runK6 } from './run';

/**
 * `npm run k6 -w loadtests -- <profile> [--url URL] [--summary-dir DIR] [--runner auto|local|docker] [-e KEY=VALUE]`
 * Runs a profile from a shell; exits with k6's code (99 when SLOs were missed).
 */
async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env['BASE_URL'] ?? 'http://127.0.0.1:8080' },
      'summary-dir': { type: 'string' },
      runner: { type: 'string', default: 'auto' },
      env: { type: 'string', short: 'e', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      [
        'Usage: npm run k6 -w loadtests -- <profile> [--url URL] [--summary-dir DIR] [--runner auto|local|docker] [-e KEY=VALUE]',
        '',
        `profiles: ${PROFILES.join(', ')} (default smoke)`,
        '--url          the stack under test (default BASE_URL or http://127.0.0.1:8080)',
        '--summary-dir  where the k6 summary goes (default loadtest-results/<profile>-<time>)',
        '--runner       auto: k6 on PATH, else the grafana/k6 image through Docker',
        '-e KEY=VALUE   a k6 variable: LOAD_FACTOR, SOAK_DURATION, THINK_TIME_FACTOR',
        '',
        "Exits with k6's code: 99 when the SLOs were missed.",
      ].join('\n'),
    );
    return;
  }
  const profile = positionals[0] ?? 'smoke';
  if (!isProfile(profile))
    throw new Error(`unknown profile "${profile}": one of ${PROFILES.join(', ')}`);
  const runner = values.runner;
  if (runner !== 'auto' && runner !== 'local' && runner !== 'docker')
    throw new Error('--runner is auto, local or docker');
  const env = Object.fromEntries(
    values.env.map((kv) => {
      const at = kv.indexOf('=');
      if (at < 1) throw new Error(`-e wants KEY=VALUE, got "${kv}"`);
      return [kv.slice(0, at), kv.slice(at + 1)];
    }),
  );
  const summaryDir =
    values['summary-dir'] ??
    `loadtest-results/${profile}-${new Date().toISOString().replace(/[:.]/g, '-')}`;

  const result = await runK6({
    profile,
    baseUrl: values.url,
    summaryDir,
    runner,
    env,
    onProgress: (event) => {
      if (event.type === 'start') console.error(`$ ${event.command}`);
      if (event.type === 'output')
        (event.stream === 'stdout' ? process.stdout : process.stderr).write(`${event.line}\n`);
    },
  });
  console.error(`\n${result.outcome}: summary in ${result.summaryText}`);
  process.exitCode = result.exitCode;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
