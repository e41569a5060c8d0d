import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCheckoutUnderKills } from './support/checkout-under-kills';
import { run } from './support/run';
import { compose, currentStack, repoRoot } from './support/stack';

/*
 * The money path under real crashes: checkouts through the edge while the
 * order container is killed with SIGKILL at random moments; every shopper
 * retries with its own key. Then nothing may be lost, doubled or stranded.
 */

const stack = currentStack();

/** The admin token the stack runs with: the shell's, else docker/.env's development value. */
function adminToken(): string {
  if (stack.env.ADMIN_TOKEN) return stack.env.ADMIN_TOKEN;
  const env = readFileSync(path.join(repoRoot, 'docker', '.env'), 'utf8');
  const match = /^ADMIN_TOKEN=(.+)$/m.exec(env);
  if (!match?.[1]) throw new Error('docker/.env has no ADMIN_TOKEN');
  return match[1].trim();
}

async function killOrder(): Promise<void> {
  const id = (await compose(stack, ['ps', '-q', 'order'])).trim();
  await run('docker', ['kill', '-s', 'KILL', id]);
  // A killed container is not restarted by its policy: start it, as an orchestrator would.
  await run('docker', ['start', id]);
}

async function heldUnits(productId: string): Promise<number> {
  const sql = `SELECT coalesce(sum(l.quantity), 0) FROM reservation_lines l
    JOIN reservations r ON r.id = l.reservation_id
    WHERE r.status = 'pending' AND l.product_id = '${productId}'`;
  const out = await compose(stack, [
    'exec',
    '-T',
    'postgres',
    'psql',
    '-U',
    'portside',
    '-d',
    'catalog',
    '-tAc',
    sql,
  ]);
  return Number(out.trim());
}

describe('checkout under SIGKILL of the order container', () => {
  it('acknowledges no order it loses, charges none twice and leaks no stock', async () => {
    const result = await runCheckoutUnderKills({
      baseUrl: stack.baseUrl,
      adminToken: adminToken(),
      killOrder,
      heldUnits,
      shoppers: 4,
      durationMs: 20_000,
      kills: 3,
    });
    process.stdout.write(`checkout under kills: ${JSON.stringify(result)}\n`);
    expect(result.problems).toEqual([]);
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.retried).toBeGreaterThan(0);
  });
});
