import { composeProject, type ComposeOptions } from '../../compose/project';
import { COMPOSE_LABEL } from '../../compose/labels';
import type { CommandContext } from '../../core/context';

export interface ServiceStatus {
  service: string;
  image: string;
  gitSha?: string;
  digest?: string;
  replicas: number;
  health: string[];
}

/** What runs in the Compose project, per service, read from Docker (the commit from the ledger). */
export async function composeStatus(
  options: ComposeOptions,
  ctx: CommandContext,
): Promise<ServiceStatus[]> {
  const project = composeProject(options, ctx);
  const containers = await ctx.docker.listContainers({
    [COMPOSE_LABEL.project]: project.projectName,
    [COMPOSE_LABEL.oneoff]: 'False',
  });
  // Images carry no commit (so unchanged apps keep their digest): the ledger says which commit
  // last built each image.
  const { builds } = await ctx.ledger.read();
  const byService = new Map<string, ServiceStatus>();
  for (const listed of containers) {
    const info = await ctx.docker.inspectContainer(listed.id);
    if (!info) continue;
    const service = listed.labels[COMPOSE_LABEL.service] ?? listed.name;
    const image = await ctx.docker.inspectImage(info.Image);
    const ref = info.Config.Image;
    const entry = byService.get(service) ?? {
      service,
      image: ref,
      gitSha: builds[service]?.imageId === image?.Id ? builds[service]?.gitSha : undefined,
      digest: ref.includes('@') ? ref.split('@')[1] : image?.RepoDigests?.[0]?.split('@')[1],
      replicas: 0,
      health: [],
    };
    entry.replicas += 1;
    entry.health.push(info.State.Health?.Status ?? info.State.Status);
    byService.set(service, entry);
  }
  return [...byService.values()].sort((a, b) => a.service.localeCompare(b.service));
}
