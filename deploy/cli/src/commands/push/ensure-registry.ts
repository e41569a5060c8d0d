import type { CommandContext } from '../../core/context';
import { EnvironmentError } from '../../core/errors';
import type { RegistryClient } from '../../registry';

export const DEFAULT_REGISTRY = 'localhost:5000';
export const REGISTRY_CONTAINER = 'portside-registry';

/**
 * Makes sure a registry answers. The default local registry is started as a container when
 * nothing listens; a registry named explicitly is never started behind the person's back.
 */
export async function ensureRegistry(
  client: RegistryClient,
  explicit: boolean,
  ctx: CommandContext,
): Promise<void> {
  const probe = await client.probe();
  if (probe.answers) return;
  if (explicit || client.host !== DEFAULT_REGISTRY) {
    // A refused connection needs no explanation; a name that does not resolve or a silent port does.
    const why = probe.failure.kind === 'refused' ? '' : `: ${probe.failure.reason}`;
    throw new EnvironmentError(
      `registry ${client.host} is not reachable${why}`,
      'start it, or leave out --registry to use a local one on localhost:5000',
    );
  }
  await startLocalRegistry(ctx);
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await client.probe(1000)).answers) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new EnvironmentError(
    `started ${REGISTRY_CONTAINER} but ${client.host} does not answer`,
    `see docker logs ${REGISTRY_CONTAINER}`,
  );
}

async function startLocalRegistry(ctx: CommandContext): Promise<void> {
  const image = ctx.env.REGISTRY_IMAGE ?? 'registry:2';
  const existing = await ctx.docker.inspectContainer(REGISTRY_CONTAINER);
  if (existing) {
    ctx.reporter.progress(`starting the existing ${REGISTRY_CONTAINER} container`);
    if (!existing.State.Running) await ctx.docker.startContainer(existing.Id);
    return;
  }
  if (!(await ctx.docker.inspectImage(image))) {
    throw new EnvironmentError(
      `no registry answers on ${DEFAULT_REGISTRY} and the image ${image} is not available`,
      'set REGISTRY_IMAGE to a registry image you have',
    );
  }
  ctx.reporter.progress(
    `no registry on ${DEFAULT_REGISTRY}: starting ${image} as ${REGISTRY_CONTAINER}`,
  );
  const id = await ctx.docker.createContainer({
    name: REGISTRY_CONTAINER,
    Image: image,
    Labels: { 'dev.portside.role': 'registry' },
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: {
      PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '5000' }] },
      RestartPolicy: { Name: 'unless-stopped' },
    },
  });
  await ctx.docker.startContainer(id);
}
