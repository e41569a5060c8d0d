import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** A data store in a container of its own, which a test may freeze (`docker pause`) and thaw. */
export interface PausableContainer {
  url: string;
  pause(): Promise<void>;
  unpause(): Promise<void>;
  stop(): Promise<void>;
}

const docker = (...args: string[]) => promisify(execFile)('docker', args);

function pausable(id: string, url: string, stop: () => Promise<unknown>): PausableContainer {
  let paused = false;
  return {
    url,
    async pause() {
      await docker('pause', id);
      paused = true;
    },
    async unpause() {
      await docker('unpause', id);
      paused = false;
    },
    async stop() {
      if (paused) await docker('unpause', id);
      await stop();
    },
  };
}

export interface PostgresContainerOptions {
  /** Scripts for /docker-entrypoint-initdb.d, run once at first start (path on this machine -> name there). */
  initScripts?: Record<string, string>;
  environment?: Record<string, string>;
}

/** A throwaway PostgreSQL (POSTGRES_IMAGE), superuser URL of its `postgres` database. */
export async function startPostgresContainer(
  options: PostgresContainerOptions = {},
): Promise<PausableContainer> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(
    process.env.POSTGRES_IMAGE ?? 'postgres:17-alpine',
  )
    .withDatabase('postgres')
    .withEnvironment(options.environment ?? {})
    .withCopyFilesToContainer(
      Object.entries(options.initScripts ?? {}).map(([source, name]) => ({
        source,
        target: `/docker-entrypoint-initdb.d/${name}`,
        mode: 0o755,
      })),
    )
    .start();
  return pausable(container.getId(), container.getConnectionUri(), () => container.stop());
}

/**
 * A throwaway Redis (REDIS_IMAGE). `args` are server options (`--maxmemory 2mb`): both the
 * official image's entrypoint and the stand-in take options as the command.
 */
export async function startRedisContainer(args: string[] = []): Promise<PausableContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  let container = new GenericContainer(process.env.REDIS_IMAGE ?? 'redis:7-alpine')
    .withExposedPorts(6379)
    // Redis 7.0 ends the line there, 7.2 adds " tcp": match both.
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/));
  if (args.length > 0) container = container.withCommand(args);
  const started = await container.start();
  const url = `redis://${started.getHost()}:${started.getMappedPort(6379)}`;
  return pausable(started.getId(), url, () => started.stop());
}
