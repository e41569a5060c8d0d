import type { ContainerInspectInfo } from 'dockerode';
import { RolloutFailedError } from '../core/errors';
import { interruption } from '../core/interrupt';
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
export async function runningReplicas(
  deps: Pick<RolloutDeps, 'docker' | 'project'>,
  service: string,
): Promise<ContainerInspectInfo[]> {
  const listed = await deps.docker.listContainers(serviceLabels(deps.project, service));
  const inspected = await Promise.all(
    listed.map((container) => deps.docker.inspectContainer(container.id)),
  );
  return inspected.filter((info): info is ContainerInspectInfo => Boolean(info?.State.Running));
}

/** What compose itself would label a container of this service with, for this image choice. */
export async function configHash(
  deps: RolloutDeps,
  service: string,
  env: Record<string, string>,
): Promise<string | undefined> {
  const result = await deps.compose.run(['config', `--hash=${service}`], env, {
    timeoutMs: 60_000,
  });
  if (result.code !== 0) return undefined;
  return result.stdout.trim().split(/\s+/)[1];
}

/**
 * Replaces every replica of a service with one running `image`, without a moment where the
 * service name resolves to nothing or to something unhealthy. Compose itself creates the new
 * replicas (so they carry exactly what the compose file says now: image, environment, limits,
 * labels); they start beside the old ones outside DNS; once healthy they take the service
 * alias; the old ones get SIGTERM (they fail readiness, finish in-flight requests and stop
 * accepting, so the edge retries on the new ones) and are removed after the edge's DNS TTL.
 */
export async function rollService(
  deps: RolloutDeps,
  service: string,
  image: string,
  env: Record<string, string>,
): Promise<void> {
  const { docker, reporter } = deps;
  const olds = await runningReplicas(deps, service);
  if (olds.length === 0) {
    await composeUp(deps, service, env);
    return;
  }
  if (olds.some(publishesPorts)) {
    await proveThenSwap(deps, service, image, olds, env);
    return;
  }

  reporter.progress(`${service}: starting ${olds.length} new replica(s) beside the old`);
  const [model] = olds as [ContainerInspectInfo];
  const fresh = await createReplicas(deps, service, olds.length, env);
  // Compose v1 attaches a container it has not started to one network only (the rest at
  // start): the new replicas join every network the old ones are on, and any new one.
  const networks = [
    ...new Set([
      ...Object.keys(model.NetworkSettings.Networks),
      ...fresh.flatMap((replica) => replica.networks),
    ]),
  ];
  try {
    for (const replica of fresh) {
      // Out of the service's DNS name until healthy: on each network without its aliases.
      for (const network of networks) {
        if (replica.networks.includes(network)) await docker.disconnectNetwork(network, replica.id);
        await docker.connectNetwork(network, replica.id, []);
      }
      await docker.startContainer(replica.id);
    }
    await waitAllHealthy(
      deps,
      service,
      fresh.map(({ id }) => id),
      'the new replica never became healthy',
    );
  } catch (error) {
    reporter.progress(`${service}: removing the new replica(s); the old ones keep serving`);
    await Promise.all(fresh.map(({ id }) => docker.removeContainer(id)));
    throw error;
  }

  // From here the swap finishes even when a signal comes: stopping halfway would leave both sets serving.
  await interruption.uninterrupted(() => swap(deps, service, model, fresh, olds, networks));
}

async function swap(
  deps: RolloutDeps,
  service: string,
  model: ContainerInspectInfo,
  fresh: { id: string }[],
  olds: ContainerInspectInfo[],
  networks: string[],
): Promise<void> {
  const { docker, reporter } = deps;
  reporter.progress(`${service}: healthy; joining the service name`);
  for (const { id } of fresh) {
    for (const network of networks) {
      await docker.disconnectNetwork(network, id);
      await docker.connectNetwork(network, id, serviceAliases(model, network));
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
 * `compose up --no-start --scale`: compose creates `count` more containers of the service from
 * the compose file as it is now, numbered and labelled as its own, and leaves the old ones be.
 */
async function createReplicas(
  deps: RolloutDeps,
  service: string,
  count: number,
  env: Record<string, string>,
): Promise<{ id: string; networks: string[] }[]> {
  const labels = serviceLabels(deps.project, service);
  const before = new Set(
    (await deps.docker.listContainers(labels, true)).map((container) => container.id),
  );
  const scale = `${service}=${before.size + count}`;
  const result = await deps.compose.run(
    ['up', '--no-start', '--no-deps', '--no-recreate', '--scale', scale, service],
    env,
  );
  const created = (await deps.docker.listContainers(labels, true)).filter(
    (container) => !before.has(container.id),
  );
  if (result.code !== 0 || created.length !== count) {
    await Promise.all(created.map((container) => deps.docker.removeContainer(container.id)));
    throw new RolloutFailedError(
      `${service}: compose could not create the new replica(s): ${lastLine(result.stderr) || `${created.length} of ${count} created`}`,
    );
  }
  return Promise.all(
    created.map(async ({ id }) => ({
      id,
      networks: Object.keys(
        (await deps.docker.inspectContainer(id))?.NetworkSettings.Networks ?? {},
      ),
    })),
  );
}

async function waitAllHealthy(
  deps: RolloutDeps,
  service: string,
  ids: string[],
  what: string,
): Promise<void> {
  deps.reporter.progress(`${service}: waiting for the new replica(s) to be healthy`);
  const outcomes = await Promise.all(
    ids.map((id) => waitHealthy(deps.docker, id, { timeoutMs: deps.timing.healthTimeoutMs })),
  );
  const failed = outcomes.find((outcome) => !outcome.healthy);
  if (failed && !failed.healthy)
    throw new RolloutFailedError(`${service}: ${what}: ${failed.reason}`);
}

const publishesPorts = (container: ContainerInspectInfo) =>
  Object.values(container.HostConfig.PortBindings ?? {}).some(
    (bindings) => (bindings as unknown[] | null)?.length,
  );

/**
 * A service that owns a host port cannot have two replicas at once. Its new image is first
 * proven healthy in a probe (a copy of the old container without the ports); then the old one
 * stops gracefully and compose starts the new one: a brief gap on that port, said so.
 */
async function proveThenSwap(
  deps: RolloutDeps,
  service: string,
  image: string,
  olds: ContainerInspectInfo[],
  env: Record<string, string>,
): Promise<void> {
  const { docker } = deps;
  const [old] = olds as [ContainerInspectInfo];
  const all = await docker.listContainers(serviceLabels(deps.project, service), true);
  const number =
    Math.max(0, ...all.map((container) => Number(container.labels[COMPOSE_LABEL.number]) || 0)) + 1;
  const networks = Object.keys(old.NetworkSettings.Networks);
  const network = networks.includes(old.HostConfig.NetworkMode ?? '')
    ? (old.HostConfig.NetworkMode as string)
    : (networks[0] as string);
  deps.reporter.progress(`${service}: proving the new image healthy in a probe without ports`);
  const probe = await docker.createContainer(
    cloneWithImage({
      old,
      oldImage: await docker.inspectImage(old.Image),
      image,
      name: replicaName(old.Name, number),
      number,
      network,
      dropPorts: true,
    }),
  );
  try {
    await docker.startContainer(probe);
    await waitAllHealthy(deps, service, [probe], 'the new image never became healthy');
  } finally {
    await docker.removeContainer(probe);
  }
  deps.reporter.warn(
    `${service} publishes host ports: replaced in place (a brief gap on its port)`,
  );
  await interruption.uninterrupted(async () => {
    await Promise.all(
      olds.map((old) => docker.stopContainer(old.Id, stopTimeout(old, deps.timing))),
    );
    await Promise.all(olds.map((old) => docker.removeContainer(old.Id)));
    await composeUp(deps, service, env);
  });
}

/** Creates the service's containers with compose itself and waits for them to be healthy. */
export async function composeUp(
  deps: RolloutDeps,
  service: string,
  env: Record<string, string>,
): Promise<void> {
  deps.reporter.progress(`${service}: compose up`);
  const result = await deps.compose.run(['up', '-d', '--no-deps', service], env);
  if (result.code !== 0)
    throw new RolloutFailedError(`${service}: compose up failed: ${lastLine(result.stderr)}`);
  const replicas = await runningReplicas(deps, service);
  const outcomes = await Promise.all(
    replicas.map((replica) =>
      waitHealthy(deps.docker, replica.Id, { timeoutMs: deps.timing.healthTimeoutMs }),
    ),
  );
  const failed = outcomes.find((outcome) => !outcome.healthy);
  if (failed && !failed.healthy) throw new RolloutFailedError(`${service}: ${failed.reason}`);
}

/** Runs a one-shot service (a migration) with the new image; it must exit 0. */
export async function runOneShot(
  deps: RolloutDeps,
  service: string,
  env: Record<string, string>,
): Promise<void> {
  deps.reporter.progress(`${service}: running`);
  const result = await deps.compose.run(['run', '--rm', '--no-deps', '-T', service], env);
  if (result.code !== 0)
    throw new RolloutFailedError(
      `${service} exited with ${result.code}: ${lastLine(result.stderr || result.stdout)}`,
    );
  deps.reporter.progress(`${service}: done`);
}

function stopTimeout(old: ContainerInspectInfo, timing: RolloutTiming): number {
  return (old.Config as { StopTimeout?: number }).StopTimeout ?? timing.stopTimeoutSeconds;
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1) ?? '';
}
