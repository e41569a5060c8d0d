import type { CommandContext } from '../core/context';
import type { Release } from './record';

/** How long the deploy waits for Grafana: an annotation is never worth holding a rollout. */
const TIMEOUT_MS = 5000;

/**
 * Marks a rollout on Grafana's time axis when GRAFANA_URL is set (with
 * GRAFANA_TOKEN, a service account token, when Grafana asks for one): an
 * annotation from the release's start to now, tagged `portside` and `rollout`,
 * that the dashboards show. A Grafana that is down or refuses costs a warning,
 * never the deploy.
 */
export async function annotateRelease(
  release: Release,
  ctx: Pick<CommandContext, 'env' | 'reporter'>,
): Promise<void> {
  const base = ctx.env['GRAFANA_URL'];
  if (!base) return;
  const token = ctx.env['GRAFANA_TOKEN'];
  const services = Object.keys(release.services).sort();
  const body = {
    time: Date.parse(release.time),
    timeEnd: Date.now(),
    tags: ['portside', 'rollout', release.target],
    text: `${release.target} release ${release.id} (${release.gitSha.slice(0, 12)}): ${services.join(', ')}`,
  };
  try {
    const res = await fetch(new URL('/api/annotations', base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) ctx.reporter.warn(`Grafana refused the rollout annotation: HTTP ${res.status}`);
    else ctx.reporter.progress('rollout annotated in Grafana');
  } catch (error) {
    ctx.reporter.warn(`Grafana did not take the rollout annotation: ${(error as Error).message}`);
  }
}
