import type { ContainerCreateOptions, ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import { COMPOSE_LABEL } from './labels';

export interface CloneRequest {
  old: ContainerInspectInfo;
  /** The old container's image, to tell what the service set from what the image defaulted. */
  oldImage: ImageInspectInfo | undefined;
  image: string;
  name: string;
  number: number;
  /** The network it joins at creation, without the service alias (so it is not in DNS yet). */
  network: string;
  /** A service that publishes host ports cannot run twice: the clone goes without them. */
  dropPorts: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A new replica that is the old container with another image: same env, volumes, restart
 * policy and Compose labels (so `compose ps/logs/down` see it), but the new image's own
 * defaults (CMD, env, healthcheck) wherever the old container only had its image's defaults.
 */
export function cloneWithImage(request: CloneRequest): ContainerCreateOptions {
  const { old, oldImage } = request;
  const imageConfig = oldImage?.Config;
  const imageEnv = new Set(imageConfig?.Env ?? []);
  const imageLabels = imageConfig?.Labels ?? {};
  const fromService = <T>(value: T, imageDefault: unknown): T | undefined =>
    same(value, imageDefault) ? undefined : value;

  const labels = Object.fromEntries(
    Object.entries(old.Config.Labels ?? {}).filter(([key, value]) => imageLabels[key] !== value),
  );
  labels[COMPOSE_LABEL.number] = String(request.number);

  const hostConfig = { ...old.HostConfig };
  if (request.dropPorts) hostConfig.PortBindings = {};
  hostConfig.NetworkMode = request.network;

  return {
    name: request.name,
    Image: request.image,
    Env: (old.Config.Env ?? []).filter((entry) => !imageEnv.has(entry)),
    Cmd: fromService(old.Config.Cmd, imageConfig?.Cmd),
    Entrypoint: fromService(old.Config.Entrypoint, imageConfig?.Entrypoint) as string[] | undefined,
    WorkingDir: fromService(old.Config.WorkingDir, imageConfig?.WorkingDir) || undefined,
    User: fromService(old.Config.User, imageConfig?.User) || undefined,
    Healthcheck: fromService(
      (old.Config as { Healthcheck?: ContainerCreateOptions['Healthcheck'] }).Healthcheck,
      (imageConfig as { Healthcheck?: unknown } | undefined)?.Healthcheck,
    ),
    StopSignal: fromService(
      (old.Config as { StopSignal?: string }).StopSignal,
      (imageConfig as { StopSignal?: string } | undefined)?.StopSignal,
    ),
    StopTimeout: (old.Config as { StopTimeout?: number }).StopTimeout,
    Labels: labels,
    Tty: old.Config.Tty,
    OpenStdin: old.Config.OpenStdin,
    HostConfig: hostConfig,
    NetworkingConfig: { EndpointsConfig: { [request.network]: { Aliases: [] } } },
  };
}

/** The aliases the service is known by on a network, without the old container's own id. */
export function serviceAliases(old: ContainerInspectInfo, network: string): string[] {
  const aliases: string[] = old.NetworkSettings.Networks[network]?.Aliases ?? [];
  return aliases.filter(
    (alias) => !old.Id.startsWith(alias) && alias !== old.Name.replace(/^\//, ''),
  );
}

/** The container's name with another replica number: portside_catalog_1 -> portside_catalog_3. */
export function replicaName(oldName: string, number: number): string {
  const bare = oldName.replace(/^\//, '');
  return /[-_]\d+$/.test(bare) ? bare.replace(/\d+$/, String(number)) : `${bare}-${number}`;
}
