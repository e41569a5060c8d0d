import { postgresServer, startRedis, startShopServices } from '@portside/testkit';
import { startEdgeProxy } from './edge-proxy';

/*
 * When no deployed stack is given (LOADTEST_BASE_URL unset), the journey test starts the
 * real services on this host: their own entry points through tsx (as `npm run dev` does),
 * against testkit's PostgreSQL and Redis (TEST_POSTGRES_URL and TEST_REDIS_URL, else
 * containers it starts), with databases and Redis keys unique to this run, behind a proxy that
 * routes /api/* as the edge does.
 */

export type Stack = {
  baseUrl: string;
  stop: () => Promise<void>;
  /** The catalog's admin token, when this run started the services. */
  adminToken?: string;
  /** Each service's own address, when this run started them. */
  services?: Record<'catalog' | 'cart' | 'order', string>;
};

export async function startHostStack(): Promise<Stack> {
  let services: Awaited<ReturnType<typeof startShopServices>> | undefined;
  let edge: { url: string; stop: () => Promise<void> } | undefined;

  const stop = async () => {
    await edge?.stop();
    await services?.stop();
    // Containers testkit started for this run (none when the URLs came from the environment).
    await startRedis().then((redis) => redis.stop());
    await postgresServer().then(
      (server) => server.stop(),
      () => undefined,
    );
  };

  try {
    services = await startShopServices();
    edge = await startEdgeProxy(services.urls);
    return { baseUrl: edge.url, stop, services: services.urls, adminToken: services.adminToken };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The stack under test: the deployed one named by LOADTEST_BASE_URL, or one started here. */
export async function resolveStack(): Promise<Stack> {
  const given = process.env['LOADTEST_BASE_URL'];
  if (given) return { baseUrl: given.replace(/\/+$/, ''), stop: async () => undefined };
  return startHostStack();
}
