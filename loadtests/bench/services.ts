import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { startHostStack } from '../test/support/host-stack';
import { startExpressBaseline } from './baseline';
import { checkoutRequest } from './checkout';
import { prepareCheckoutCarts, readCatalog } from './fixtures';
import { measure } from './measure';
import { benchTable, statusNotes, type Row } from './report';

/**
 * `npm run bench:services -w loadtests -- [--duration 10] [--connections 50] [--checkouts 200]`
 *
 * The services on their own, without the edge or containers: the catalog's
 * cached product list next to a bare Express endpoint answering a JSON body of
 * the same size, both in their own processes on this machine, measured in the
 * same run; then checkout throughput straight at the order service. The
 * services run against the PostgreSQL and Redis of TEST_POSTGRES_URL and
 * TEST_REDIS_URL (containers started for the run when unset), with databases
 * made for this run.
 */

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      checkouts: { type: 'string', default: '200' },
      'checkout-connections': { type: 'string', default: '10' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const base = { connections, duration, timeout: 10, warmup: { connections, duration: 3 } };

  log('starting catalog, cart and order on this host');
  const stack = await startHostStack();
  const services = stack.services!;
  try {
    const fixtures = await readCatalog(services.catalog);
    const express = await startExpressBaseline(fixtures.listBytes);
    const rows: Row[] = [];
    try {
      log(`bare Express, ${connections} connections, ${duration} s`);
      const baseline = await measure({ ...base, url: `${express.url}/` });
      rows.push({ name: `bare Express JSON (${fixtures.listBytes} B)`, result: baseline });

      log('catalog list (cached)');
      rows.push({
        name: 'catalog GET /api/products?limit=24',
        result: await measure({ ...base, url: `${services.catalog}${fixtures.listPath}` }),
      });

      const count = Number(values.checkouts);
      log(`checkout: preparing ${count} carts`);
      const carts = await prepareCheckoutCarts(services.cart, fixtures.stocked, count);
      let next = 0;
      rows.push({
        name: `order POST /api/orders (${carts.length} checkouts)`,
        result: await measure({
          connections: Number(values['checkout-connections']),
          amount: carts.length,
          timeout: 10,
          url: services.order,
          requests: [checkoutRequest(() => carts[next++ % carts.length]!)],
        }),
      });

      const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`;
      console.log(`\n${machine}\n`);
      console.log(benchTable(rows, baseline));
      for (const note of statusNotes(rows)) console.log(`\n${note}`);
    } finally {
      express.stop();
    }
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
