import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@portside/testkit';
import {
  containerExists,
  imageIds,
  removeComposeProject,
  removeContainer,
  removeImages,
  removeLedger,
  runningContainers,
} from './support/docker-cleanup';
import { clonePortside } from './support/fixture-workspace';
import type { GitWorkspace } from './support/git-workspace';
import { registryDigest } from './support/pushed-digest';
import { runCli } from './support/run-cli';

// Portside's own platform through `portside`: build, push and deploy its four images to Compose,
// then roll every one of them while shoppers' requests flow through the edge. It runs in a clone
// of this repository (so a release can be committed), on a port, project and ledger of its own.

const APPS = ['cart', 'catalog', 'order', 'storefront'];
const project = `psreal${process.pid}`;
let clone: GitWorkspace;
let stateDir: string;
let edge: string;
let env: Record<string, string>;
let registryWasRunning: boolean;
let imagesBefore: Set<string>;

const cli = (...args: string[]) =>
  runCli([...args, '--compose-file', 'docker/compose.yaml', '--project-name', project], {
    cwd: clone.dir,
    env,
    timeoutMs: 900_000,
  });
const plainCli = (...args: string[]) => runCli(args, { cwd: clone.dir, env, timeoutMs: 900_000 });

interface ServiceStatus {
  service: string;
  digest: string;
  replicas: number;
  health: string[];
}

async function runningServices(): Promise<ServiceStatus[]> {
  const status = await cli('status', '--output', 'json');
  expect(status.code).toBe(0);
  return (JSON.parse(status.stdout) as { compose: { services: ServiceStatus[] } }).compose.services;
}

/** The few fields of the API's answers this test reads. */
interface Answer {
  id: string;
  status: string;
  accessToken: string;
  items: { id: string; stock: number }[];
}

async function call(
  pathname: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${edge}${pathname}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/** Every app runs the image the registry holds under the tag the ledger recorded for it, digest for digest. */
async function expectRegistryDigests(): Promise<Record<string, string>> {
  const services = await runningServices();
  const digests: Record<string, string> = {};
  for (const app of APPS) {
    const running = services.find((service) => service.service === app);
    expect(running).toMatchObject({ replicas: 1, health: ['healthy'] });
    const pushed = (await ledger()).pushes[app];
    expect(running?.digest).toBe(await registryDigest(`portside/${app}`, pushed?.tag ?? 'missing'));
    digests[app] = running?.digest as string;
  }
  return digests;
}

async function ledger(): Promise<{
  pushes: Record<string, { tag: string; digest: string }>;
  releases: { outcome: string }[];
}> {
  return JSON.parse(await readFile(path.join(stateDir, 'releases.json'), 'utf8'));
}

beforeAll(async () => {
  clone = clonePortside();
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'portside-state-'));
  const port = await freePort();
  edge = `http://127.0.0.1:${port}`;
  env = {
    PORTSIDE_HTTP_PORT: String(port),
    PORTSIDE_STATE_DIR: stateDir,
    // The shoppers below all come from one address, faster than the edge's limits allow a
    // person: relaxed explicitly, as the load-test setup does (loadtests/README.md).
    EDGE_RATE_LIMITS: 'off',
  };
  registryWasRunning = containerExists('portside-registry');
  imagesBefore = new Set(APPS.flatMap((app) => imageIds(`portside/${app}`)));
});

afterAll(() => {
  removeComposeProject(project);
  removeLedger(project);
  if (!registryWasRunning) removeContainer('portside-registry');
  // Only the tags this test made: a developer's own builds of the same commit stay.
  for (const app of APPS) {
    removeImages(`localhost:5000/portside/${app}`, imagesBefore);
    removeImages(`portside/${app}`, imagesBefore);
  }
  clone?.remove();
  rmSync(stateDir, { recursive: true, force: true });
});

it('portside up builds, pushes and deploys the platform: a shopper can buy through the edge, and what runs is what the registry holds', async () => {
  const up = await cli('up');
  expect(up.lastLine).not.toMatch(/^portside:/);
  expect(up.code).toBe(0);
  await expectRegistryDigests();

  expect(await call('/')).toMatchObject({
    status: 200,
    body: expect.stringContaining('<div id="root">'),
  });
  const page = await call('/api/products?limit=20');
  expect(page.status).toBe(200);
  const product = page.body.items.find((item) => item.stock >= 1);
  expect(product).toBeDefined();
  const cart = await call('/api/carts', { method: 'POST', body: '{}' });
  expect(cart.status).toBe(201);
  const filled = await call(`/api/carts/${cart.body.id}/items/${product?.id}`, {
    method: 'PUT',
    body: JSON.stringify({ quantity: 1 }),
  });
  expect(filled.status).toBe(200);
  const order = await call('/api/orders', {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      cartId: cart.body.id,
      email: 'shopper@example.com',
      shippingAddress: {
        name: 'Ada Shopper',
        line1: '1 Harbour Road',
        city: 'Portsmouth',
        postalCode: 'PO1 1AA',
        country: 'GB',
      },
      payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' },
    }),
  });
  expect(order).toMatchObject({ status: 201, body: { status: 'confirmed' } });
  const read = await call(`/api/orders/${order.body.id}`, {
    headers: { authorization: `Bearer ${order.body.accessToken}` },
  });
  expect(read).toMatchObject({ status: 200, body: { id: order.body.id } });
  // The first build on a machine installs every dependency inside Docker: minutes, not seconds.
}, 900_000);

it('rolls all four apps to a new release with zero failed requests while shoppers browse and fill carts', async () => {
  const before = await expectRegistryDigests();
  // A commit that changes nothing an image is built from keeps every digest (nothing would roll),
  // so the new release changes each app's image: one more label in each Dockerfile.
  const relabelled = await Promise.all(
    APPS.map(async (app) => {
      const file = path.join('apps', app, 'Dockerfile');
      const dockerfile = await readFile(path.join(clone.dir, file), 'utf8');
      return [file, `${dockerfile}LABEL org.portside.test-release="${randomUUID()}"\n`];
    }),
  );
  clone.commit(Object.fromEntries(relabelled), 'a new release');
  expect((await plainCli('build')).code).toBe(0);
  expect((await plainCli('push')).code).toBe(0);

  const product = (await call('/api/products?limit=1')).body.items[0]?.id;
  let finish: (result: autocannon.Result) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const load = autocannon(
    {
      url: edge,
      connections: 4,
      // Stopped as soon as the rollout ends; bounded in case it never does.
      duration: 600,
      requests: [
        { method: 'GET', path: '/api/products?limit=12' },
        { method: 'GET', path: `/api/products/${product}` },
        { method: 'GET', path: '/api/categories' },
        {
          method: 'POST',
          path: '/api/carts',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        },
        { method: 'GET', path: '/' },
      ],
    },
    (_error, result) => finish(result),
  );
  const started = Date.now();
  const deploy = await cli('deploy', '--target', 'compose');
  const rolloutSeconds = (Date.now() - started) / 1000;
  load.stop();
  const result = await finished;

  expect(deploy.lastLine).not.toMatch(/^portside:/);
  expect(deploy.code).toBe(0);
  for (const app of APPS) expect(deploy.stderr).toContain(`${app}: rolled`);
  console.info(
    `rolling deploy of catalog, cart, order and storefront: ${result.requests.total} requests in ${rolloutSeconds.toFixed(1)} s, ` +
      `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (status codes: ${JSON.stringify(result.statusCodeStats)})`,
  );
  expect(result.requests.total).toBeGreaterThan(0);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);

  const after = await expectRegistryDigests();
  for (const app of APPS) {
    expect(after[app]).not.toBe(before[app]);
    expect(runningContainers(project, app)).toHaveLength(1);
  }
  expect((await ledger()).releases.map((release) => release.outcome)).toEqual([
    'succeeded',
    'succeeded',
  ]);
}, 600_000);
