import type { Container, KubeObject } from './rendered';

/** A container's plain environment: its envFrom ConfigMaps, then its literal values. */
export function plainEnv(
  container: Container,
  objects: readonly KubeObject[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    if (!configMap) throw new Error(`ConfigMap ${name} is referenced but not rendered`);
    Object.assign(env, configMap.data as Record<string, string>);
  }
  for (const variable of container.env ?? [])
    if (variable.value !== undefined) env[variable.name] = variable.value;
  return env;
}

/** Seconds a preStop hook holds the container before SIGTERM. */
export function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : 0;
}
