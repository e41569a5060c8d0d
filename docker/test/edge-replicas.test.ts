import { randomBytes } from 'node:crypto';
import { projectContainers, serviceOf, type ContainerInfo } from './support/docker-inspect';
import { runOrThrow } from './support/run';
import { compose, currentStack } from './support/stack';

// The edge looks service names up again every second (resolver valid=1s and a
// variable in proxy_pass), so replicas that start get traffic and replicas
// that stop no longer do. Scaling the cart up and down shows both.
const stack = currentStack();
const network = `${stack.project}_public`;

const runningCarts = async () =>
  (await projectContainers(stack.project)).filter(
    (c) => serviceOf(c) === 'cart' && c.State.Status === 'running',
  );
const addressOf = (c: ContainerInfo) => `${c.NetworkSettings.Networks[network]?.IPAddress}:3002`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scaleCart(replicas: number) {
  await compose(
    stack,
    ['up', '-d', '--no-deps', '--no-recreate', '--no-build', '--scale', `cart=${replicas}`, 'cart'],
    {
      timeoutMs: 120_000,
    },
  );
}

/** Asks for an unknown cart: the cart service answers 404 problem+json. */
async function askCart(marker: string): Promise<number> {
  const response = await fetch(
    `${stack.baseUrl}/api/carts/${marker}${randomBytes(8).toString('hex')}`,
  );
  await response.arrayBuffer();
  return response.status;
}

/** The cart replicas the edge sent the marked requests to, from its access log. */
async function upstreamsSeen(marker: string): Promise<Set<string>> {
  const [edge] = (await projectContainers(stack.project)).filter(
    (c) => serviceOf(c) === 'storefront',
  );
  if (!edge) throw new Error('no edge container');
  const logs = await runOrThrow('docker', ['logs', edge.Id]);
  const seen = new Set<string>();
  for (const line of logs.split('\n')) {
    if (!line.includes(`/api/carts/${marker}`)) continue;
    const { upstream } = JSON.parse(line) as { upstream: string };
    for (const address of upstream.split(/,\s*/)) if (address) seen.add(address);
  }
  return seen;
}

describe('the edge and cart replicas', () => {
  afterAll(async () => {
    await scaleCart(1);
  });

  it('spreads traffic over a new replica, and leaves a removed one without failing a request', async () => {
    await scaleCart(2);
    let carts: ContainerInfo[] = [];
    for (let attempt = 0; attempt < 90; attempt += 1) {
      carts = await runningCarts();
      if (carts.length === 2 && carts.every((c) => c.State.Health?.Status === 'healthy')) break;
      await pause(1000);
    }
    expect(carts).toHaveLength(2);

    const spread = `spread${randomBytes(4).toString('hex')}`;
    for (let request = 0; request < 60; request += 1) {
      expect(await askCart(spread)).toBe(404);
      if ((await upstreamsSeen(spread)).size >= 2) break;
      await pause(200);
    }
    expect(await upstreamsSeen(spread)).toEqual(new Set(carts.map(addressOf)));

    // Scale back to one while requests keep coming: none may fail.
    const statuses: number[] = [];
    let scaling = true;
    const scaledDown = scaleCart(1).finally(() => (scaling = false));
    const during = `during${randomBytes(4).toString('hex')}`;
    while (scaling && statuses.length < 500) {
      statuses.push(await askCart(during));
      await pause(20);
    }
    await scaledDown;
    expect(statuses.filter((status) => status !== 404)).toEqual([]);

    const remaining = await runningCarts();
    expect(remaining).toHaveLength(1);
    await pause(1500); // longer than the edge's DNS cache, so the lookup below is fresh
    const after = `after${randomBytes(4).toString('hex')}`;
    for (let request = 0; request < 20; request += 1) expect(await askCart(after)).toBe(404);
    expect(await upstreamsSeen(after)).toEqual(new Set(remaining.map(addressOf)));
  });
});
