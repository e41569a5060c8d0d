import { interruption } from '../core/interrupt';
import type { DockerEngine } from '../docker/engine';

export interface HealthWait {
  timeoutMs: number;
  pollMs?: number;
  /** With no healthcheck, a container counts as healthy after running this long. */
  settleMs?: number;
}

export type HealthOutcome = { healthy: true } | { healthy: false; reason: string };

/** Waits until Docker reports the container healthy, or it dies, or time runs out. */
export async function waitHealthy(
  docker: DockerEngine,
  id: string,
  wait: HealthWait,
): Promise<HealthOutcome> {
  const deadline = Date.now() + wait.timeoutMs;
  const pollMs = wait.pollMs ?? 500;
  let last = 'never inspected';
  while (Date.now() < deadline) {
    const info = await docker.inspectContainer(id);
    if (!info) return { healthy: false, reason: 'the container disappeared' };
    const state = info.State;
    if (!state.Running) return { healthy: false, reason: `it exited with code ${state.ExitCode}` };
    const health = state.Health;
    if (!health) {
      if (Date.now() - Date.parse(state.StartedAt) >= (wait.settleMs ?? 3000))
        return { healthy: true };
    } else if (health.Status === 'healthy') {
      return { healthy: true };
    } else {
      const lastCheck = health.Log?.at(-1);
      last = `health ${health.Status}${lastCheck ? `, last check: ${lastCheck.Output.trim().slice(0, 200) || `exit ${lastCheck.ExitCode}`}` : ''}`;
    }
    await interruption.sleep(pollMs);
  }
  return {
    healthy: false,
    reason: `not healthy after ${Math.round(wait.timeoutMs / 1000)}s (${last})`,
  };
}
