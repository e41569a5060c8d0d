import { projectContainers } from '../docker';
import type { CourseEnv } from '../env';
import { run } from '../shell';
import { finding, type Finding } from '../verdict';

interface Reconciliation {
  ok: boolean;
  orders: { unfinished: number };
}

/** Fault points the order service's log says it crashed at (a restarted container keeps its log). */
async function crashPoints(env: CourseEnv): Promise<string[]> {
  const points = new Set<string>();
  for (const container of await projectContainers(env.project, 'order')) {
    const logs = await run('docker', ['logs', container.Id]);
    for (const line of `${logs.stdout}\n${logs.stderr}`.split('\n')) {
      if (!line.includes('fault point tripped')) continue;
      try {
        const entry = JSON.parse(line) as { fault?: string; mode?: string };
        if (entry.mode === 'crash' && entry.fault) points.add(entry.fault);
      } catch {
        // not a JSON log line
      }
    }
  }
  return [...points].sort();
}

/** Lesson 9: crashes at two different points of the checkout saga, and the books balance again. */
export async function checkFailure(env: CourseEnv): Promise<Finding[]> {
  const points = await crashPoints(env);
  const response = await fetch(`${env.edge}/api/orders/admin/reconciliation`, {
    headers: { authorization: `Bearer ${env.adminToken}` },
  });
  if (!response.ok)
    return [finding(false, `the reconciliation answers (${response.status} from ${env.edge})`)];
  const books = (await response.json()) as Reconciliation;
  return [
    finding(
      points.length >= 2,
      `the order service crashed at two different fault points (${points.join(', ') || 'none'})`,
    ),
    finding(
      books.orders.unfinished === 0,
      `no checkout is unfinished (${books.orders.unfinished})`,
    ),
    finding(books.ok, 'the reconciliation is ok: every charge is a confirmed order or refunded'),
  ];
}
