import { UsageError } from '../core/errors';
import type { DockerEngine } from '../docker/engine';
import { imageVariableFor, isOneShot, type ComposeModel } from './compose-file';
import { runningReplicas } from './rolling';

/** The long-running services an app runs as (catalog -> catalog; one-shot migrations left out). */
export function appServices(model: ComposeModel, app: string): string[] {
  const services = model.services
    .filter((service) => service.name === app || service.imageVariable === imageVariableFor(app))
    .map((service) => service.name);
  if (services.length === 0) {
    throw new UsageError(
      `unknown app "${app}"; services are: ${model.services.map((service) => service.name).join(', ')}`,
    );
  }
  return services.filter((service) => !isOneShot(model, service));
}

/**
 * The image variables as the stack runs now, read from its containers: so a compose command
 * (scale, restart) recreates nothing just because the variables were left unset.
 */
export async function runningImageEnv(
  docker: DockerEngine,
  project: string,
  model: ComposeModel,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const service of model.services) {
    if (!service.imageVariable || env[service.imageVariable]) continue;
    const [replica] = await runningReplicas({ docker, project }, service.name);
    if (replica) env[service.imageVariable] = replica.Config.Image;
  }
  return env;
}
