import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { docker, IMAGES, promtool } from './support/docker';
import { layerDir } from './support/prometheus';

const generated = async (script: string): Promise<Record<string, string>> => {
  const { stdout } = await promisify(execFile)(
    'node',
    [path.join(layerDir, 'scripts', script), '--print'],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Record<string, string>;
};
const dashboardsDir = path.join(layerDir, 'grafana', 'dashboards');
const dashboardFiles = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'));

describe('the observability layer configuration', () => {
  it('has SLO rules and their unit tests as generated from the k6 thresholds', async () => {
    for (const [file, text] of Object.entries(await generated('generate-rules.mjs'))) {
      const committed = readFileSync(path.join(layerDir, file), 'utf8');
      expect({ file, content: parse(committed) }).toEqual({ file, content: parse(text) });
    }
  });

  it('has dashboards as generated', async () => {
    const files = await generated('generate-dashboards.mjs');
    expect(dashboardFiles.sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files)) {
      const committed = readFileSync(path.join(dashboardsDir, file), 'utf8');
      expect({ file, content: JSON.parse(committed) }).toEqual({ file, content: JSON.parse(text) });
    }
  });

  it('has a dashboard for the overview, each service, the checkout saga, rollouts and k6', () => {
    const titles = dashboardFiles.map(
      (f) =>
        (JSON.parse(readFileSync(path.join(dashboardsDir, f), 'utf8')) as { title: string }).title,
    );
    for (const name of [
      'overview',
      'catalog',
      'cart',
      'order',
      'checkout saga',
      'rollouts',
      'k6 runs',
    ]) {
      expect(titles).toContain(`Portside / ${name}`);
    }
  });

  it('has dashboards Grafana can load: unique uids and panel ids, every target on a provisioned datasource', () => {
    const provisioned = parse(
      readFileSync(
        path.join(layerDir, 'grafana/provisioning/datasources/datasources.yaml'),
        'utf8',
      ),
    ) as { datasources: Array<{ uid: string }> };
    const uids = new Set(provisioned.datasources.map((d) => d.uid));
    const seen = new Set<string>();
    for (const file of dashboardFiles) {
      const d = JSON.parse(readFileSync(path.join(dashboardsDir, file), 'utf8'));
      expect(seen.has(d.uid)).toBe(false);
      seen.add(d.uid);
      expect(d.panels.length).toBeGreaterThan(0);
      expect(new Set(d.panels.map((p: { id: number }) => p.id)).size).toBe(d.panels.length);
      for (const p of d.panels) {
        expect(p.gridPos).toEqual({
          x: expect.any(Number),
          y: expect.any(Number),
          w: expect.any(Number),
          h: expect.any(Number),
        });
        expect(p.targets.length).toBeGreaterThan(0);
        for (const t of p.targets) {
          expect(uids.has(t.datasource.uid)).toBe(true);
          expect(t.expr).toEqual(expect.any(String));
        }
      }
    }
  });

  it('passes promtool check rules', async () => {
    const ran = await promtool(path.join(layerDir, 'prometheus'), [
      'check',
      'rules',
      '/p/rules/slo.rules.yaml',
      '/p/rules/portside.rules.yaml',
    ]);
    expect(ran.stderr + ran.stdout).toContain('SUCCESS');
    expect(ran.code).toBe(0);
  });

  it('fires and resolves every burn-rate alert and every other alert in promtool unit tests', async () => {
    const ran = await promtool(path.join(layerDir, 'prometheus'), [
      'test',
      'rules',
      '/p/tests/slo.test.yaml',
      '/p/tests/portside.test.yaml',
    ]);
    expect({ code: ran.code, out: ran.stdout + ran.stderr }).toEqual({
      code: 0,
      out: expect.stringContaining('SUCCESS'),
    });
  }, 120_000);

  it('has a Prometheus config and an Alertmanager config their own tools accept', async () => {
    const prom = await docker([
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      '/bin/promtool',
      '-v',
      `${layerDir}/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro`,
      '-v',
      `${layerDir}/prometheus/rules:/etc/prometheus/rules:ro`,
      IMAGES.prometheus,
      'check',
      'config',
      '/etc/prometheus/prometheus.yml',
    ]);
    expect({ code: prom.code, out: prom.stdout + prom.stderr }).toEqual({
      code: 0,
      out: expect.stringContaining('SUCCESS'),
    });
    const am = await docker([
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      '/bin/amtool',
      '-v',
      `${layerDir}/alertmanager/alertmanager.yml:/a.yml:ro`,
      IMAGES.alertmanager,
      'check-config',
      '/a.yml',
    ]);
    expect({ code: am.code, out: am.stdout + am.stderr }).toEqual({
      code: 0,
      out: expect.stringContaining('SUCCESS'),
    });
  });

  it('switches on as docs/observability.md says: the CLI flags exist and Compose accepts the layer', async () => {
    const root = path.resolve(layerDir, '..', '..');
    const docs = readFileSync(path.join(root, 'docs/observability.md'), 'utf8');
    expect(docs).toContain('npm start -- --observability');
    expect(docs).toContain('portside up --with observability');
    const help = await promisify(execFile)('node', [
      path.join(root, 'deploy/cli/bin/portside.mjs'),
      'up',
      '--help',
    ]);
    expect(help.stdout).toMatch(/--with <layer\.\.\.>/);
    expect(help.stdout).toMatch(/--observability/);
    const [command, ...prefix] =
      (await docker(['compose', 'version'])).code === 0
        ? ['docker', 'compose']
        : ['docker-compose'];
    const config = await promisify(execFile)(
      command as string,
      [
        ...prefix,
        '-p',
        'portside-observe-check',
        '-f',
        'docker/compose.yaml',
        '-f',
        'docker/compose.observability.yaml',
        'config',
      ],
      { cwd: root },
    );
    const merged = parse(config.stdout) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    for (const service of ['catalog', 'cart', 'order']) {
      expect(merged.services[service]?.environment).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
        OTEL_SERVICE_NAME: service,
        // The base file's settings stay: the layer adds to them.
        SHUTDOWN_DELAY_MS: '2000',
      });
    }
    for (const service of [
      'prometheus',
      'alertmanager',
      'grafana',
      'jaeger',
      'postgres-exporter',
      'redis-exporter',
    ]) {
      expect(merged.services).toHaveProperty(service);
    }
  });
});
