import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  readComposeFile,
  dependencyOrder,
  imageVariableFor,
  isOneShot,
  type ComposeModel,
} from '../../compose/compose-file';
import type { ComposeRunner } from '../../compose/compose-cli';
import { composeProject, runnerFor, type ComposeOptions } from '../../compose/project';
import { COMPOSE_LABEL } from '../../compose/labels';
import {
  composeUp,
  configHash,
  rollService,
  runOneShot,
  runningReplicas,
  type RolloutDeps,
  type RolloutTiming,
} from '../../compose/rolling';
import type { CommandContext } from '../../core/context';
import { InterruptedError, PortsideError, RolloutFailedError, UsageError } from '../../core/errors';
import { interruption } from '../../core/interrupt';
import { gitRevision } from '../../core/git';
import type { Release, ReleaseService } from '../../core/ledger';
import { localRecorder, type ReleaseRecorder } from '../../releases/recorder';

export interface ComposeDeployOptions extends ComposeOptions {
  timing?: Partial<RolloutTiming>;
  rollbackOf?: string;
  /** Tests hand in a fake; the CLI drives `docker compose` / `docker-compose`. */
  compose?: ComposeRunner;
  /** Where the release is recorded; the deploy command records on the target itself. */
  recorder?: ReleaseRecorder;
}

export const DEFAULT_TIMING: RolloutTiming = {
  healthTimeoutMs: 90_000,
  dnsGraceMs: 2_000,
  stopTimeoutSeconds: 30,
};

/** The image variables compose reads, set to the pinned references: CATALOG_IMAGE=localhost:5000/portside/catalog@sha256:... */
export function imageEnv(
  model: ComposeModel,
  images: Record<string, ReleaseService>,
  warn: (message: string) => void,
): Record<string, string> {
  const variables = new Set(model.services.map((service) => service.imageVariable).filter(Boolean));
  const env: Record<string, string> = {};
  for (const [app, { image }] of Object.entries(images)) {
    const variable = imageVariableFor(app);
    if (variables.has(variable)) env[variable] = image;
    else
      warn(
        `the compose file has no service with image \${${variable}}: ${app} is not deployed there`,
      );
  }
  return env;
}

/** What a rolling change of the Compose stack works with (deploy, restart, scale). */
export function rolloutDeps(options: ComposeDeployOptions, ctx: CommandContext): RolloutDeps {
  const project = composeProject(options, ctx);
  return {
    docker: ctx.docker,
    compose: options.compose ?? runnerFor(project, ctx),
    reporter: ctx.reporter,
    project: project.projectName,
    timing: { ...DEFAULT_TIMING, ...options.timing },
  };
}

/**
 * First deploy: `compose up -d` with every image pinned. Later deploys: one service at a time in
 * dependency order, migrations first, never the stateful services (their images are not ours).
 * A failure undoes the services already rolled, and the release is recorded as failed.
 */
export async function deployCompose(
  images: Record<string, ReleaseService>,
  options: ComposeDeployOptions,
  ctx: CommandContext,
): Promise<Release> {
  const project = composeProject(options, ctx);
  if (!existsSync(project.file))
    throw new UsageError(`no compose file at ${project.file}`, 'pass --compose-file');
  await ctx.docker.ping();
  const model = readComposeFile(project.file);
  const env = imageEnv(model, images, (message) => ctx.reporter.warn(message));
  const deps = rolloutDeps(options, ctx);
  const revision = await gitRevision(ctx.root);
  const recorder = options.recorder ?? localRecorder(ctx.ledger);
  const started = await recorder.start({
    target: 'compose',
    gitSha: revision.sha,
    services: images,
    manifestsHash: createHash('sha256').update(readFileSync(project.file)).digest('hex'),
    project: project.projectName,
    rollbackOf: options.rollbackOf,
  });
  const running = await ctx.docker.listContainers({
    'com.docker.compose.project': project.projectName,
  });
  try {
    if (running.length === 0) await firstDeploy(deps, model, env);
    else await rollingDeploy(deps, model, env, await previousEnv(deps, model, env));
  } catch (error) {
    const outcome = error instanceof InterruptedError ? 'interrupted' : 'failed';
    await recorder.finish(started, outcome, error instanceof Error ? error.message : String(error));
    throw error;
  }
  return recorder.finish(started, 'succeeded');
}

async function firstDeploy(
  deps: RolloutDeps,
  model: ComposeModel,
  env: Record<string, string>,
): Promise<void> {
  deps.reporter.progress(`first deploy of ${deps.project}: compose up`);
  const result = await deps.compose.run(['up', '-d'], env);
  if (result.code !== 0) {
    // Nothing half-deployed: what did start is stopped again (named volumes stay).
    await deps.compose.run(['down', '--remove-orphans'], env);
    throw new RolloutFailedError(
      `compose up failed: ${composeErrors(result.stderr)}`,
      'the stack was taken down again',
    );
  }
  try {
    for (const service of ours(model, env).filter((s) => !isOneShot(model, s.name))) {
      await composeUp(deps, service.name, env);
    }
  } catch (error) {
    await interruption.uninterrupted(() => deps.compose.run(['down', '--remove-orphans'], env));
    throw error instanceof RolloutFailedError
      ? new RolloutFailedError(error.message, 'the stack was taken down again')
      : error;
  }
}

async function rollingDeploy(
  deps: RolloutDeps,
  model: ComposeModel,
  env: Record<string, string>,
  previous: Record<string, string>,
): Promise<void> {
  const rolled: string[] = [];
  try {
    for (const service of ours(model, env)) {
      interruption.check();
      const variable = service.imageVariable as string;
      if (isOneShot(model, service.name)) {
        await runOneShot(deps, service.name, env);
        continue;
      }
      if (await upToDate(deps, service.name, env[variable] as string, env)) {
        deps.reporter.progress(`${service.name}: already runs this image and configuration`);
        continue;
      }
      await rollService(deps, service.name, env[variable] as string, env);
      rolled.push(service.name);
    }
  } catch (error) {
    await interruption.uninterrupted(() => undo(deps, model, rolled, previous));
    throw error instanceof PortsideError ? error : new RolloutFailedError((error as Error).message);
  }
}

/** Rolls the services already moved back to what ran before, newest first. */
async function undo(
  deps: RolloutDeps,
  model: ComposeModel,
  rolled: string[],
  previous: Record<string, string>,
): Promise<void> {
  for (const name of [...rolled].reverse()) {
    const variable = model.services.find((service) => service.name === name)
      ?.imageVariable as string;
    const image = previous[variable];
    if (!image) continue;
    deps.reporter.progress(`${name}: rolling back to ${image}`);
    await rollService(deps, name, image, previous).catch((error: Error) =>
      deps.reporter.warn(`${name}: rollback failed: ${error.message}`),
    );
  }
}

/** The image variables as they are now, from the running containers. */
async function previousEnv(
  deps: RolloutDeps,
  model: ComposeModel,
  env: Record<string, string>,
): Promise<Record<string, string>> {
  const previous: Record<string, string> = { ...env };
  for (const service of ours(model, env)) {
    const replica = (await runningReplicas(deps, service.name))[0];
    if (replica) previous[service.imageVariable as string] = replica.Config.Image;
  }
  return previous;
}

function ours(model: ComposeModel, env: Record<string, string>) {
  return dependencyOrder(model).filter(
    (service) => service.imageVariable && env[service.imageVariable],
  );
}

/** Every replica runs this image with the configuration compose would give it now (its config hash). */
async function upToDate(
  deps: RolloutDeps,
  service: string,
  image: string,
  env: Record<string, string>,
): Promise<boolean> {
  const wanted = await deps.docker.inspectImage(image);
  const replicas = await runningReplicas(deps, service);
  if (!wanted || replicas.length === 0) return false;
  const hash = await configHash(deps, service, env);
  return replicas.every(
    (replica) =>
      replica.Image === wanted.Id &&
      (!hash || replica.Config.Labels?.[COMPOSE_LABEL.configHash] === hash),
  );
}

/** Compose v1 and v2 both prefix their real complaints with ERROR / Error; the rest is progress. */
export function composeErrors(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const errors = lines.filter(
    (line) => /^(ERROR|Error)\b/.test(line) || /unhealthy|exited with code/i.test(line),
  );
  return (errors.length > 0 ? errors : lines.slice(-1)).join('; ');
}
