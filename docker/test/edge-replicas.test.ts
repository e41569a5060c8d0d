import { randomBytes } from 'node:crypto';
import { projectContainers, serviceOf, type ContainerInfo } from './support/docker-inspect';
import { answeredBetween, edgeServers, ingressAddress } from './support/edge-stats';
import { compose, currentStack } from './support/stack';

// The edge (HAProxy) asks Docker's DNS for the service names every second
// (resolvers + server-template), so replicas that start get traffic and
// replicas that stop no longer do. Scaling the cart up and down shows both;
// the edge's own statistics say which replica answered.
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

/** The cart replicas that answered what `send` sent, from the edge's per-server counters. */
async function answeringReplicas(send: () => Promise<void>): Promise<Set<string>> {
  const ingress = await ingressAddress(stack.project);
  const before = await edgeServers(ingress, 'cart');
  await send();
  return answeredBetween(before, await edgeServers(ingress, 'cart'));
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

    // The edge finds the new replica within a second or two, then round-robins over both.
    let spread = new Set<string>();
    for (let attempt = 0; attempt < 30 && spread.size < 2; attempt += 1) {
      spread = await answeringReplicas(async () => {
        for (let request = 0; request < 10; request += 1) expect(await askCart('spread')).toBe(404);
      });
      if (spread.size < 2) await pause(200);
    }
    expect(spread).toEqual(new Set(carts.map(addressOf)));

    // Scale back to one while requests keep coming: none may fail.
    const statuses: number[] = [];
    let scaling = true;
    const scaledDown = scaleCart(1).finally(() => (scaling = false));
    while (scaling && statuses.length < 500) {
      statuses.push(await askCart('during'));
      await pause(20);
    }
    await scaledDown;
    expect(statuses.filter((status) => status !== 404)).toEqual([]);

    const remaining = await runningCarts();
    expect(remaining).toHaveLength(1);
    await pause(1500); // longer than the edge's DNS cache, so the lookup below is fresh
    const after = await answeringReplicas(async () => {
      for (let request = 0; request < 20; request += 1) expect(await askCart('after')).toBe(404);
    });
    expect(after).toEqual(new Set(remaining.map(addressOf)));
  });
});
