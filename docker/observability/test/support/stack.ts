import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@portside/testkit';
import { parse, stringify } from 'yaml';
import { docker, IMAGES } from './docker';
import { layerDir } from './prometheus';

const root = path.resolve(layerDir, '..', '..');

/** The apps this repository builds; the stack runs them from their images. */
const APPS = ['catalog', 'cart', 'order', 'storefront'] as const;
/** What the test starts: the stack and the layer, but Grafana (no image can run here). */
const STARTED = [
  'ingress',
  'prometheus',
  'alertmanager',
  'postgres-exporter',
  'redis-exporter',
  'jaeger',
];
/** Long-running services with a healthcheck, healthy before the test begins. */
const HEALTHY = ['postgres', 'redis', 'catalog', 'cart', 'order', 'storefront', 'ingress'];

/** Base images: the variables CI sets, else the official defaults of compose.yaml. */
const BASE_IMAGES = ['NODE_IMAGE', 'NGINX_IMAGE', 'HAPROXY_IMAGE', 'POSTGRES_IMAGE', 'REDIS_IMAGE'];

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: root, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${command} ${args.join(' ')} failed:\n${stderr.slice(-4000)}`))
          : resolve(stdout),
    );
  });
}

let composeCommand: Promise<string[]> | undefined;
/** `docker compose` (v2) when present, else `docker-compose` (v1). */
function composeBinary(): Promise<string[]> {
  composeCommand ??= docker(['compose', 'version']).then((r) =>
    r.code === 0 ? ['docker', 'compose'] : ['docker-compose'],
  );
  return composeCommand;
}

/**
 * Prometheus as the layer configures it (the same jobs, found by Docker's
 * DNS), only scraping and evaluating every second so a short test sees data.
 */
function fastPrometheusConfig(): string {
  const config = parse(readFileSync(path.join(layerDir, 'prometheus/prometheus.yml'), 'utf8'));
  config.global = { scrape_interval: '1s', evaluation_interval: '1s' };
  config.rule_files = [...config.rule_files, '/etc/prometheus/fast-clock/*.yaml'];
  return stringify(config);
}

/** The time scale of the SLO rules the test fires live: an hour's window lasts a minute. */
export const TIME_SCALE = 60;

/** The SLO rules as generated, on a clock TIME_SCALE times faster, beside the real ones. */
function fastClockRules(): Promise<string> {
  return run(
    process.execPath,
    [path.join(layerDir, 'scripts/generate-rules.mjs'), `--fast-clock=${TIME_SCALE}`],
    process.env,
    60_000,
  );
}

/**
 * An OTLP/HTTP endpoint standing in for Jaeger, under Jaeger's name on the
 * stack's network: the services send their traces to http://jaeger:4318 as
 * the layer configures them, and the test reads what arrived.
 */
function testOverrides(dir: string, otlpPort: number): string {
  return stringify({
    services: {
      prometheus: {
        volumes: [
          `${dir}/prometheus.yml:/etc/prometheus/prometheus.yml:ro`,
          `${dir}/fast-clock:/etc/prometheus/fast-clock:ro`,
        ],
      },
      jaeger: {
        image: '${NODE_IMAGE:-node:24.11-bookworm-slim}',
        entrypoint: ['node', '/receiver/otlp-receiver.mjs'],
        volumes: [`${path.join(__dirname, 'otlp-receiver.mjs')}:/receiver/otlp-receiver.mjs:ro`],
        ports: [`127.0.0.1:${otlpPort}:4318`],
        healthcheck: { disable: true },
      },
    },
  });
}

export interface Stack {
  project: string;
  /** The edge, as a shopper reaches it. */
  edge: string;
  prometheus: string;
  alertmanager: string;
  /** The OTLP stand-in's read side: GET /spans. */
  traces: string;
  compose(args: string[], timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real Compose stack (compose.yaml) with the observability layer
 * (compose.observability.yaml), under a project name of its own, from images
 * built here (Docker's layer cache makes a rebuild of unchanged apps quick).
 */
export async function startStack(id: string): Promise<Stack> {
  const project = `portside-observe-${id}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'portside-observe-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'prometheus.yml'), fastPrometheusConfig());
  mkdirSync(path.join(dir, 'fast-clock'));
  writeFileSync(path.join(dir, 'fast-clock', 'slo.yaml'), await fastClockRules());
  const edgePort = await freePort();
  const promPort = await freePort();
  const amPort = await freePort();
  const otlpPort = await freePort();
  const uiPort = await freePort();
  writeFileSync(path.join(dir, 'compose.test.yaml'), testOverrides(dir, otlpPort));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(
      APPS.map((app) => [`${app.toUpperCase()}_IMAGE`, `portside/${app}:observe`]),
    ),
    PROMETHEUS_IMAGE: IMAGES.prometheus,
    ALERTMANAGER_IMAGE: IMAGES.alertmanager,
    POSTGRES_EXPORTER_IMAGE: IMAGES.postgresExporter,
    REDIS_EXPORTER_IMAGE: IMAGES.redisExporter,
    PORTSIDE_HTTP_PORT: String(edgePort),
    PROMETHEUS_PORT: String(promPort),
    ALERTMANAGER_PORT: String(amPort),
    JAEGER_PORT: String(uiPort),
  };
  for (const variable of BASE_IMAGES) if (!env[variable]) delete env[variable];
  const files = [
    'docker/compose.yaml',
    'docker/compose.observability.yaml',
    `${dir}/compose.test.yaml`,
  ];
  const compose = async (args: string[], timeoutMs = 300_000) => {
    const [command, ...prefix] = await composeBinary();
    const fileArgs = files.flatMap((f) => ['-f', f]);
    return run(command as string, [...prefix, '-p', project, ...fileArgs, ...args], env, timeoutMs);
  };
  const stop = async () => {
    await compose(['down', '-v', '--remove-orphans', '-t', '5'], 180_000).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One build first fills the dependency layer the others reuse.
    await compose(['build', 'catalog'], 900_000);
    await compose(['build', 'cart', 'order', 'storefront'], 900_000);
    await compose(['up', '-d', '--no-build', ...STARTED]);
    await waitUntilHealthy(project);
    // Healthy is HAProxy running; routing waits for its first checks of the replicas.
    await waitUntilServed(`http://127.0.0.1:${edgePort}/api/products?limit=1`);
  } catch (error) {
    const logs = await compose(['logs', '--no-color', '--tail=40']).catch(() => '');
    await stop();
    throw new Error(`${(error as Error).message}\nlast logs:\n${logs}`);
  }
  const local = (port: number) => `http://127.0.0.1:${port}`;
  return {
    project,
    edge: local(edgePort),
    prometheus: local(promPort),
    alertmanager: local(amPort),
    traces: local(otlpPort),
    compose,
    stop,
  };
}

async function waitUntilHealthy(project: string, withinMs = 180_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const ps = await docker([
      'ps',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--format',
      '{{.Label "com.docker.compose.service"}} {{.Status}}',
    ]);
    const healthy = new Set(
      ps.stdout
        .split('\n')
        .filter((line) => line.includes('(healthy)'))
        .map((line) => line.split(' ')[0]),
    );
    const waiting = HEALTHY.filter((s) => !healthy.has(s));
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`not healthy in time: ${waiting.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function waitUntilServed(url: string, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const status = await fetch(url)
      .then((r) => r.arrayBuffer().then(() => r.status))
      .catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`the edge did not serve ${url} in time: ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
