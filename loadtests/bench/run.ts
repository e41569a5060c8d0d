import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startBaseline } from './baseline';
import { stackContainers, startMemorySampler } from './docker-memory';
import { newCartWith, prepareCheckoutCarts, readCatalog } from './fixtures';
import { parseBenchOptions } from './options';
import { checkoutRequest } from './checkout';
import { measure } from './measure';
import { hopAims, measureHops } from './hops';
import { postgresInsertRate, type PostgresRate } from './postgres-rate';
import { serviceContainer, containerEnv } from './containers';
import {
  benchTable,
  databaseTable,
  hopTable,
  memoryTable,
  statusNotes,
  type Hop,
  type Row,
} from './report';

/**
 * `npm run bench -w loadtests -- [--url http://127.0.0.1:8080] [--duration 10] [--connections 50] [--checkouts 300] [--checkout-connections 10]`
 * Measures the stack through its edge next to a bare Node server, in the same run.
 */

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const o = parseBenchOptions(process.argv.slice(2));
  const base = { connections: o.connections, duration: o.duration, timeout: 10 };
  const warmup = { connections: o.connections, duration: o.warmup };
  log(`benchmark against ${o.url}: ${o.duration}s x ${o.connections} connections per target`);

  const fixtures = await readCatalog(o.url);
  const updateCarts = await Promise.all(
    Array.from({ length: 10 }, () => newCartWith(o.url, fixtures.product.id, 1)),
  );
  const baseline = await startBaseline(fixtures.listBytes);
  const port = Number(new URL(o.url).port || 80);
  const stack = await stackContainers(port);
  const memory = startMemorySampler(stack?.names ?? []);
  log(
    stack
      ? `sampling memory of compose project ${stack.project}: ${stack.names.join(', ')}`
      : `no container publishes port ${port}: the stack is not in Docker, memory not sampled`,
  );

  const rows: Row[] = [];
  let hops: Hop[] = [];
  let database: PostgresRate | undefined;
  try {
    if (stack) hops = await measureHops(o.url, stack.project, { ...base, warmup }, log);
    log('baseline: bare Node http server');
    const baselineResult = await measure({ ...base, warmup, url: `${baseline.url}/` });
    rows.push({ name: `bare Node http (${fixtures.listBytes} B JSON)`, result: baselineResult });

    log('catalog list');
    rows.push({
      name: 'GET /api/products?limit=24',
      result: await measure({ ...base, warmup, url: `${o.url}${fixtures.listPath}` }),
    });

    log('product page');
    rows.push({
      name: 'GET /api/products/:slug',
      result: await measure({
        ...base,
        warmup,
        url: `${o.url}/api/products/${fixtures.product.slug}`,
      }),
    });

    log('cart update');
    rows.push({
      name: 'PUT /api/carts/:id/items/:productId',
      result: await measure({
        ...base,
        warmup,
        url: o.url,
        // Alternating quantities, so every request really changes the line.
        requests: updateCarts.flatMap((id) =>
          [1, 2].map((quantity) => ({
            method: 'PUT' as const,
            path: `/api/carts/${id}/items/${fixtures.product.id}`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ quantity }),
          })),
        ),
      }),
    });

    log(`checkout: preparing ${o.checkouts} carts`);
    const carts = await prepareCheckoutCarts(o.url, fixtures.stocked, o.checkouts);
    let next = 0;
    log(`checkout: ${carts.length} orders, ${o.checkoutConnections} at a time`);
    const checkout = await measure({
      connections: Math.min(o.checkoutConnections, carts.length),
      amount: carts.length,
      duration: Math.max(o.duration, 60),
      timeout: 10,
      url: o.url,
      requests: [checkoutRequest(() => carts[next++ % carts.length]!)],
    });
    rows.push({ name: 'POST /api/orders (checkout)', result: checkout });
    const postgres = stack && (await serviceContainer(stack.project, 'postgres'));
    if (postgres) {
      log(`PostgreSQL alone: ${carts.length} single-row INSERT transactions (pgbench)`);
      const user = (await containerEnv(postgres, 'POSTGRES_USER')) ?? 'postgres';
      database = await postgresInsertRate(
        postgres,
        user,
        carts.length,
        Math.min(o.checkoutConnections, carts.length),
      );
    }

    const peaks = await memory.stop();
    const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`;
    console.log(`\n${machine}\n`);
    if (hops.length > 0) console.log(`${hopTable(hops)}\n\n${hopAims(hops).join('\n')}\n`);
    console.log(benchTable(rows, baselineResult));
    for (const note of statusNotes([...hops, ...rows])) console.log(`\n${note}`);
    const checkoutRow = rows.find((row) => row.name.startsWith('POST /api/orders'));
    if (database && checkoutRow) console.log(`\n${databaseTable(checkoutRow.result, database)}`);
    if (peaks.size > 0) console.log(`\n${memoryTable(peaks)}`);
    if (o.json) {
      writeFileSync(
        o.json,
        JSON.stringify(
          { machine, options: o, hops, rows, database, memory: Object.fromEntries(peaks) },
          null,
          2,
        ),
      );
      log(`raw results written to ${o.json}`);
    }
  } finally {
    baseline.stop();
    await memory.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
