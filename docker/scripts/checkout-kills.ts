/**
 * `npm run checkout-kills -w docker -- [--url http://127.0.0.1:8080] [--duration 30] [--kills 4] [--shoppers 4]`
 *
 * Against a running Compose stack (`npm start`; project PORTSIDE_COMPOSE_PROJECT,
 * default "portside"): checkouts through the edge while the order container is
 * killed with `docker kill -s KILL` at random moments, each shopper retrying
 * with its own Idempotency-Key; then prints the numbers and checks that money
 * and stock reconcile. Exits 1 if any invariant fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCheckoutUnderKills } from '../test/support/checkout-under-kills';
import { run } from '../test/support/run';
import { compose, repoRoot } from '../test/support/stack';

const { values } = parseArgs({
  options: {
    url: {
      type: 'string',
      default: `http://127.0.0.1:${process.env.PORTSIDE_HTTP_PORT ?? '8080'}`,
    },
    duration: { type: 'string', default: '30' },
    kills: { type: 'string', default: '4' },
    shoppers: { type: 'string', default: '4' },
    help: { type: 'boolean', default: false },
  },
});

function number(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    process.stderr.write(`--${flag} must be a whole number from 1 to ${max}, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

async function main() {
  if (values.help) {
    process.stdout.write(
      'usage: checkout-kills [--url URL] [--duration SECONDS] [--kills N] [--shoppers N]\n',
    );
    return;
  }
  const stack = {
    project: process.env.PORTSIDE_COMPOSE_PROJECT || 'portside',
    env: process.env,
  };
  const envFile = readFileSync(path.join(repoRoot, 'docker', '.env'), 'utf8');
  const adminToken =
    process.env.ADMIN_TOKEN ?? /^ADMIN_TOKEN=(.+)$/m.exec(envFile)?.[1]?.trim() ?? '';
  const result = await runCheckoutUnderKills({
    baseUrl: values.url.replace(/\/+$/, ''),
    adminToken,
    shoppers: number('shoppers', values.shoppers, 64),
    durationMs: number('duration', values.duration, 600) * 1000,
    kills: number('kills', values.kills, 50),
    killOrder: async () => {
      const id = (await compose(stack, ['ps', '-q', 'order'])).trim();
      await run('docker', ['kill', '-s', 'KILL', id]);
      await run('docker', ['start', id]);
    },
    heldUnits: async (productId) => {
      const sql = `SELECT coalesce(sum(l.quantity), 0) FROM reservation_lines l
        JOIN reservations r ON r.id = l.reservation_id
        WHERE r.status = 'pending' AND l.product_id = '${productId}'`;
      const args = ['exec', '-T', 'postgres', 'psql', '-U', 'portside', '-d', 'catalog'];
      return Number((await compose(stack, [...args, '-tAc', sql])).trim());
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const { problems, ...numbers } = result;
  process.stdout.write(`${JSON.stringify(numbers, null, 2)}\n`);
  if (problems.length) {
    process.stderr.write(`invariants broken:\n- ${problems.join('\n- ')}\n`);
    process.exit(1);
  }
  process.stdout.write('every invariant holds\n');
}

main().catch((err) => {
  process.stderr.write(`checkout-kills failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
