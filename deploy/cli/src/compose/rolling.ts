import type { ContainerInspectInfo } from 'dockerode';
import { RolloutFailedError } from '../core/errors';
import type { Reporter } from '../core/reporter';
import type { DockerEngine } from '../docker/engine';
import { cloneWithImage, replicaName, serviceAliases } from './clone';
import type { ComposeRunner } from './compose-cli';
import { waitHealthy } from './health';
import { COMPOSE_LABEL, serviceLabels } from './labels';

export interface RolloutTiming {
  /** How long new replicas get to become healthy. */
  healthTimeoutMs: number;
  /** How long the edge may keep a resolved address (its resolver `valid=`), plus margin. */
  dnsGraceMs: number;
  /** Grace period for old replicas to drain after SIGTERM, when the container sets none. */
  stopTimeoutSeconds: number;
}

export interface RolloutDeps {
  docker: DockerEngine;
  compose: ComposeRunner;
  reporter: Reporter;
  project: string;
  timing: RolloutTiming;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Running replicas of a service (one-off `compose run` containers excluded). */
export async function runningReplicas(deps: Pick<RolloutDeps, 'docker' | 'project'>, service: string): Promise<ContainerInspectInfo[]> {
  const listed = await deps.docker.listContainers(serviceLabels(deps.project, service));
  const inspected = await Promise.all(listed.map((container) => deps.docker.inspectContainer(container.id)));
  return inspected.filter((info): info is ContainerInspectInfo => Boolean(info?.State.Running));
}

/** What compose itself would label a container of this service with, for this image choice. */
async function configHash(deps: RolloutDeps, service: string, env: Record<string, string>): Promise<string | undefined> {
  const result = await deps.compose.run(['config', `--hash=${service}`], env, { timeoutMs: 60_000 });
  if (result.code !== 0) return undefined;
  return result.stdout.trim().split(/\s+/)[1];
}

/**
 * Replaces every replica of a service with one running `image`, without a moment where the
 * service name resolves to nothing or to something unhealthy:
 * new replicas start beside the old ones outside DNS; once healthy they take the service
 * alias; the old ones get SIGTERM (they fail readiness, finish in-flight requests and stop
 * accepting, so the edge retries on the new ones) and are removed after the edge's DNS TTL.
 */
export async function rollService(deps: RolloutDeps, service: string, image: string, env: Record<string, string>): Promise<void> {
  const { docker, reporter } = deps;
  const olds = await runningReplicas(deps, service);
  if (olds.length === 0) {
    await composeUp(deps, service, env);
    return;
  }
  const publishesPorts = olds.some((old) => Object.values(old.HostConfig.PortBindings ?? {}).some((bindings) => (bindings as unknown[] | null)?.length));
  const all = await docker.listContainers(serviceLabels(deps.project, service), true);
  let number = Math.max(0, ...all.map((container) => Number(container.labels[COMPOSE_LABEL.number]) || 0));
  const hash = await configHash(deps, service, env);

  reporter.progress(`${service}: starting ${olds.length} new replica(s) beside the old`);
  const fresh: { id: string; old: ContainerInspectInfo; networks: string[] }[] = [];
  try {
    for (const old of olds) {
      const networks = Object.keys(old.NetworkSettings.Networks);
      const primary = networks.includes(old.HostConfig.NetworkMode ?? '') ? (old.HostConfig.NetworkMode as string) : (networks[0] as string);
      number += 1;
      const spec = cloneWithImage({
        old,
        oldImage: await docker.inspectImage(old.Image),
        image,
        name: replicaName(old.Name, number),
        number,
        configHash: hash,
        network: primary,
        dropPorts: publishesPorts,
      });
      const id = await docker.createContainer(spec);
      fresh.push({ id, old, networks: [primary, ...networks.filter((network) => network !== primary)] });
      for (const network of networks.filter((n) => n !== primary)) await docker.connectNetwork(network, id, []);
      await docker.startContainer(id);
    }
    reporter.progress(`${service}: waiting for the new replica(s) to be healthy`);
    const outcomes = await Promise.all(fresh.map(({ id }) => waitHealthy(docker, id, { timeoutMs: deps.timing.healthTimeoutMs })));
    const failed = outcomes.find((outcome) => !outcome.healthy);
    if (failed && !failed.healthy) throw new RolloutFailedError(`${service}: the new replica never became healthy: ${failed.reason}`);
  } catch (error) {
    reporter.progress(`${service}: removing the new replica(s); the old ones keep serving`);
    await Promise.all(fresh.map(({ id }) => docker.removeContainer(id)));
    throw error;
  }

  if (publishesPorts) {
    await swapPortOwner(deps, service, olds, fresh.map(({ id }) => id), env);
    return;
  }

  reporter.progress(`${service}: healthy; joining the service name`);
  for (const { id, old, networks } of fresh) {
    for (const network of networks) {
      await docker.disconnectNetwork(network, id);
      await docker.connectNetwork(network, id, serviceAliases(old, network));
    }
  }
  // Let the edge's resolver see the new addresses before the old ones start refusing.
  await sleep(deps.timing.dnsGraceMs);
  reporter.progress(`${service}: draining ${olds.length} old replica(s) (SIGTERM)`);
  await Promise.all(olds.map((old) => docker.stopContainer(old.Id, stopTimeout(old, deps.timing))));
  // A stopped container leaves DNS at once, but the edge may hold its address until the TTL ends.
  await sleep(deps.timing.dnsGraceMs);
  await Promise.all(olds.map((old) => docker.removeContainer(old.Id)));
  reporter.progress(`${service}: rolled`);
}

/**
 * A service that owns a host port (the edge) cannot have two replicas: its new image has been
 * proven healthy above; now the old one stops gracefully and compose starts the new one.
 */
async function swapPortOwner(deps: RolloutDeps, service: string, olds: ContainerInspectInfo[], probes: string[], env: Record<string, string>) {
  deps.reporter.warn(`${service} publishes host ports: replaced in place (a brief gap on its port)`);
  await Promise.all(probes.map((id) => deps.docker.removeContainer(id)));
  await Promise.all(olds.map((old) => deps.docker.stopContainer(old.Id, stopTimeout(old, deps.timing))));
  await Promise.all(olds.map((old) => deps.docker.removeContainer(old.Id)));
  await composeUp(deps, service, env);
}

/** Creates the service's containers with compose itself and waits for them to be healthy. */
export async function composeUp(deps: RolloutDeps, service: string, env: Record<string, string>): Promise<void> {
  deps.reporter.progress(`${service}: compose up`);
  const result = await deps.compose.run(['up', '-d', '--no-deps', service], env);
  if (result.code !== 0) throw new RolloutFailedError(`${service}: compose up failed: ${lastLine(result.stderr)}`);
  const replicas = await runningReplicas(deps, service);
  const outcomes = await Promise.all(replicas.map((replica) => waitHealthy(deps.docker, replica.Id, { timeoutMs: deps.timing.healthTimeoutMs })));
  const failed = outcomes.find((outcome) => !outcome.healthy);
  if (failed && !failed.healthy) throw new RolloutFailedError(`${service}: ${failed.reason}`);
}

/** Runs a one-shot service (a migration) with the new image; it must exit 0. */
export async function runOneShot(deps: RolloutDeps, service: string, env: Record<string, string>): Promise<void> {
  deps.reporter.progress(`${service}: running`);
  const result = await deps.compose.run(['run', '--rm', '--no-deps', '-T', service], env);
  if (result.code !== 0) throw new RolloutFailedError(`${service} exited with ${result.code}: ${lastLine(result.stderr || result.stdout)}`);
  deps.reporter.progress(`${service}: done`);
}

function stopTimeout(old: ContainerInspectInfo, timing: RolloutTiming): number {
  return (old.Config as { StopTimeout?: number }).StopTimeout ?? timing.stopTimeoutSeconds;
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1) ?? '';
}
