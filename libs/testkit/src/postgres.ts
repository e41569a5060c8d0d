import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Connection string of a fresh, empty database that only this test file uses. */
  url: string;
  drop(): Promise<void>;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

let server: Promise<Server> | undefined;

/**
 * The PostgreSQL server tests use: TEST_POSTGRES_URL when set (CI points it at
 * the machine's server), otherwise a throwaway container started once per
 * test process with testcontainers.
 */
export function postgresServer(): Promise<Server> {
  server ??= (async () => {
    const fromEnv = process.env.TEST_POSTGRES_URL;
    if (fromEnv) return { url: fromEnv, stop: async () => undefined };
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const image = process.env.POSTGRES_IMAGE ?? 'postgres:17-alpine';
    const container = await new PostgreSqlContainer(image).start();
    return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
  })();
  return server;
}

/** Creates a uniquely named database on the test server; drop() removes it. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const { url: serverUrl } = await postgresServer();
  const name = `${prefix}_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(serverUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
