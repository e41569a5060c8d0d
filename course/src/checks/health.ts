import { projectContainers, running } from '../docker';
import type { CourseEnv } from '../env';
import { finding, type Finding } from '../verdict';

/** Lesson 3: a second cart replica serves while the first was stopped and drained cleanly. */
export async function checkHealth(env: CourseEnv): Promise<Finding[]> {
  const carts = await projectContainers(env.project, 'cart');
  const healthy = running(carts).filter((c) => c.State.Health?.Status === 'healthy');
  const drained = carts.filter((c) => c.State.Status === 'exited' && c.State.ExitCode === 0);
  const killed = carts.filter((c) => c.State.Status === 'exited' && c.State.ExitCode !== 0);
  return [
    finding(healthy.length >= 1, `a cart replica is running and healthy (${healthy.length})`),
    finding(
      drained.length >= 1,
      `a cart replica was stopped and exited 0 after draining (${drained.length})`,
    ),
    finding(
      killed.length === 0,
      `no cart replica was killed before it drained (exit codes: ${killed.map((c) => c.State.ExitCode).join(', ') || 'none'})`,
    ),
  ];
}
