import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BARE_SERVER_SOURCE } from './baseline';

const run = promisify(execFile);

const docker = (args: string[], timeout = 30_000) =>
  run('docker', args, { timeout }).then((r) => r.stdout.trim());

/** The id of a running container of a Compose service. */
export async function serviceContainer(
  project: string,
  service: string,
): Promise<string | undefined> {
  const ids = await docker([
    'ps',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
    '--format',
    '{{.ID}}',
  ]);
  return ids.split('\n').find(Boolean);
}

/** The address of a running container of a Compose service, on the project's networks. */
export async function serviceAddress(
  project: string,
  service: string,
): Promise<string | undefined> {
  const id = await serviceContainer(project, service);
  if (!id) return undefined;
  const addresses = await docker([
    'inspect',
    '--format',
    '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
    id,
  ]);
  return addresses.split(/\s+/).find(Boolean);
}

/** A variable of a container's environment, as its configuration set it. */
export async function containerEnv(id: string, name: string): Promise<string | undefined> {
  const env = await docker([
    'inspect',
    '--format',
    '{{range .Config.Env}}{{println .}}{{end}}',
    id,
  ]);
  return env
    .split('\n')
    .find((line) => line.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

export type BareContainer = {
  /** The server by its container address, as the ingress reaches a service. */
  byAddress: string;
  /** The same server through a port Docker publishes on 127.0.0.1, as the edge is reached. */
  published: string;
  stop: () => Promise<void>;
};

/**
 * The bare Node server (the same one the host baseline runs) in a container of the stack's
 * Node image, published on 127.0.0.1 the way the ingress is: it pays Docker's costs and
 * nothing of Portside's, so it separates the two.
 */
export async function startBareContainer(image: string, bodyBytes: number): Promise<BareContainer> {
  const name = `portside-bench-bare-${process.pid}`;
  await docker(
    [
      'run',
      '--detach',
      '--rm',
      '--name',
      name,
      '--publish',
      '127.0.0.1::3000',
      '--read-only',
      '--cap-drop',
      'ALL',
      '--user',
      '1000:1000',
      '--memory',
      '128m',
      '--entrypoint',
      'node',
      image,
      '-e',
      BARE_SERVER_SOURCE,
      String(bodyBytes),
      '3000',
      '0.0.0.0',
    ],
    120_000,
  );
  const stop = async () => {
    await docker(['rm', '--force', name]).catch(() => undefined);
  };
  try {
    const address = await docker([
      'inspect',
      '--format',
      '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
      name,
    ]);
    const port = (await docker(['port', name, '3000/tcp'])).split('\n')[0]?.split(':').pop();
    const byAddress = `http://${address.split(/\s+/)[0]}:3000`;
    await waitAnswering(byAddress);
    return { byAddress, published: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitAnswering(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ok = await fetch(url)
      .then(async (res) => (await res.arrayBuffer(), res.ok))
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bare server container never answered on ${url}`);
}

/** The image a Compose service's container runs. */
export async function serviceImage(project: string, service: string): Promise<string | undefined> {
  const id = await serviceContainer(project, service);
  return id ? docker(['inspect', '--format', '{{.Config.Image}}', id]) : undefined;
}
