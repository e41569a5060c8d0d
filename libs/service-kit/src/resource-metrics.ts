import type { Metrics } from './metrics';

export type CacheResult = 'hit' | 'miss' | 'error';

/** Counts lookups of one cache: portside_cache_requests_total{cache, result}. */
export function createCacheMetrics(metrics: Metrics, cache: string): (result: CacheResult) => void {
  const lookups = metrics.counter({
    name: 'portside_cache_requests_total',
    help: 'Cache lookups, by cache and result (hit, miss, or error: Redis did not answer).',
    labelNames: ['cache', 'result'],
  });
  for (const result of ['hit', 'miss', 'error'] as const) lookups.inc({ cache, result }, 0);
  return (result) => lookups.inc({ cache, result });
}

/** What a connection pool reports (node-postgres' Pool has these three). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Reports a connection pool on every scrape:
 * portside_db_pool_connections{pool, state="busy|idle"} and portside_db_pool_waiting{pool}.
 */
export function observePool(metrics: Metrics, pool: string, stats: () => PoolStats): void {
  metrics.gauge({
    name: 'portside_db_pool_connections',
    help: 'Connections of a pool, by state (busy: lent to a query; idle).',
    labelNames: ['pool', 'state'],
    collect: (gauge) => {
      const { totalCount, idleCount } = stats();
      gauge.set({ pool, state: 'busy' }, totalCount - idleCount);
      gauge.set({ pool, state: 'idle' }, idleCount);
    },
  });
  metrics.gauge({
    name: 'portside_db_pool_waiting',
    help: 'Queries waiting for a connection of the pool.',
    labelNames: ['pool'],
    collect: (gauge) => gauge.set({ pool }, stats().waitingCount),
  });
}
