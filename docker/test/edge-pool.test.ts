import http from 'node:http';
import { projectContainers, serviceOf } from './support/docker-inspect';
import { acceptedConnections } from './support/edge-stats';
import { currentStack } from './support/stack';

// The edge keeps a pool of keep-alive connections to each replica and shares it
// between clients: a service sees a handful of connections however many
// clients come and go. Counted where the service accepts them: the TCP
// connections its container's network namespace accepted.
const stack = currentStack();
const REQUESTS = 1000;
const AT_ONCE = 20;

/** One request on a connection of its own (no client keep-alive), as many browsers make. */
function getOnFreshConnection(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${stack.baseUrl}${path}`, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

describe('the edge’s connections to the services', () => {
  it('are pooled and reused across clients: far fewer connections than requests reach the catalog', async () => {
    const catalog = (await projectContainers(stack.project)).find(
      (c) => serviceOf(c) === 'catalog' && c.State.Status === 'running',
    );
    if (!catalog) throw new Error('no running catalog container');

    const before = await acceptedConnections(catalog.Id);
    const statuses: number[] = [];
    let sent = 0;
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        while (sent < REQUESTS) {
          sent += 1;
          statuses.push(await getOnFreshConnection('/api/categories'));
        }
      }),
    );
    const accepted = (await acceptedConnections(catalog.Id)) - before;

    expect(statuses).toHaveLength(REQUESTS);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // A proxy without a pool opens one per request (1000). The edge's pool holds
    // about as many as requests run at once; its health checks (one a second)
    // and Docker's add a few more.
    console.info(`${REQUESTS} proxied requests, ${accepted} connections accepted by the catalog`);
    expect(accepted).toBeLessThan(REQUESTS / 5);
  });
});
