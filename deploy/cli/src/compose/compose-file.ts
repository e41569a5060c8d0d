import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from '../core/errors';

export interface ComposeService {
  name: string;
  /** The variable that chooses its image (`image: ${CATALOG_IMAGE:-...}`), if any. */
  imageVariable?: string;
  dependsOn: { service: string; condition: string }[];
  hasHealthcheck: boolean;
  publishesPorts: boolean;
}

export interface ComposeModel {
  services: ComposeService[];
}

const IMAGE_VARIABLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}$/;

/** Reads what the rollout needs from the raw compose file (before interpolation, to see the variables). */
export function readComposeFile(file: string): ComposeModel {
  let raw: { services?: Record<string, Record<string, unknown>> };
  try {
    raw = parse(readFileSync(file, 'utf8')) as typeof raw;
  } catch (error) {
    throw new UsageError(`cannot read the compose file ${file}: ${(error as Error).message}`);
  }
  const services = Object.entries(raw.services ?? {}).map(([name, spec]) => {
    const image = typeof spec.image === 'string' ? spec.image.trim() : '';
    const dependsOn = spec.depends_on;
    return {
      name,
      imageVariable: IMAGE_VARIABLE.exec(image)?.[1],
      dependsOn: Array.isArray(dependsOn)
        ? dependsOn.map((service: string) => ({ service, condition: 'service_started' }))
        : Object.entries((dependsOn ?? {}) as Record<string, { condition?: string }>).map(
            ([service, value]) => ({
              service,
              condition: value?.condition ?? 'service_started',
            }),
          ),
      hasHealthcheck:
        Boolean(spec.healthcheck) && !(spec.healthcheck as { disable?: boolean }).disable,
      publishesPorts: Array.isArray(spec.ports) && spec.ports.length > 0,
    };
  });
  return { services };
}

/** The variable a service's image should come from for an app: catalog -> CATALOG_IMAGE. */
export const imageVariableFor = (app: string) =>
  `${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_IMAGE`;

/** One-shot services (migrations): others wait for them to complete successfully. */
export function isOneShot(model: ComposeModel, service: string): boolean {
  return model.services.some((other) =>
    other.dependsOn.some(
      (dep) => dep.service === service && dep.condition === 'service_completed_successfully',
    ),
  );
}

/** Services ordered so that each comes after everything it depends on. */
export function dependencyOrder(model: ComposeModel): ComposeService[] {
  const byName = new Map(model.services.map((service) => [service.name, service]));
  const ordered: ComposeService[] = [];
  const seen = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (seen.has(name)) return;
    if (path.includes(name))
      throw new UsageError(
        `the compose file has a dependency cycle: ${[...path, name].join(' -> ')}`,
      );
    const service = byName.get(name);
    if (!service) return;
    for (const dep of service.dependsOn) visit(dep.service, [...path, name]);
    seen.add(name);
    ordered.push(service);
  };
  for (const service of model.services) visit(service.name, []);
  return ordered;
}
