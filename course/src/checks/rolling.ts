import { projectContainers, running } from '../docker';
import type { CourseEnv } from '../env';
import { newestRun } from '../perf-runs';
import { finding, type Finding } from '../verdict';

/** Lesson 5: the catalog was replaced while a smoke load ran, and no request of that run failed. */
export async function checkRolling(env: CourseEnv): Promise<Finding[]> {
  const run = newestRun(env, 'smoke');
  if (!run)
    return [finding(false, 'a smoke load test run is stored (npx portside loadtest smoke)')];
  const start = Date.parse(run.startedAt);
  const end = start + run.durationSeconds * 1000;
  const catalogs = running(await projectContainers(env.project, 'catalog'));
  const startedDuring = catalogs.filter((c) => {
    const started = Date.parse(c.State.StartedAt);
    return started >= start && started <= end;
  });
  return [
    finding(
      catalogs.length > 0 && startedDuring.length === catalogs.length,
      `every running catalog replica started during the newest smoke run (${startedDuring.length} of ${catalogs.length})`,
    ),
    finding(
      run.overall.requests > 0 && run.overall.errorRate === 0,
      `no request of that run failed (${run.overall.requests} requests, error rate ${run.overall.errorRate})`,
    ),
  ];
}
