import { projectContainers } from '../docker';
import type { CourseEnv } from '../env';
import { finding, type Finding } from '../verdict';

interface Reconciliation {
  ok: boolean;
  orders: { unfinished: number };
}

/** Lesson 9: the order service crashed mid-checkout, and the books balance again. */
export async function checkFailure(env: CourseEnv): Promise<Finding[]> {
  const orders = await projectContainers(env.project, 'order');
  const restarts = orders.reduce((sum, c) => sum + c.RestartCount, 0);
  const response = await fetch(`${env.edge}/api/orders/admin/reconciliation`, {
    headers: { authorization: `Bearer ${env.adminToken}` },
  });
  if (!response.ok)
    return [finding(false, `the reconciliation answers (${response.status} from ${env.edge})`)];
  const books = (await response.json()) as Reconciliation;
  return [
    finding(restarts >= 1, `the order service crashed and Compose restarted it (${restarts})`),
    finding(
      books.orders.unfinished === 0,
      `no checkout is unfinished (${books.orders.unfinished})`,
    ),
    finding(books.ok, 'the reconciliation is ok: charges minus refunds equal confirmed orders'),
  ];
}
