import { createCheckoutMetrics } from './checkout-metrics';
import { createMetrics } from './metrics';
import { createCacheMetrics, observePool } from './resource-metrics';

describe('shared metric families', () => {
  it('exposes every checkout outcome at zero before the first checkout, then counts', async () => {
    const metrics = createMetrics('order', { defaults: false });
    const checkout = createCheckoutMetrics(metrics);
    const done = checkout.begin();
    checkout.step('pay')('error');
    checkout.compensation('release_reservation');
    checkout.outcome('declined');
    done();
    done();

    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /portside_checkout_outcomes_total\{outcome="confirmed",service="order"\} 0/,
    );
    expect(text).toMatch(
      /portside_checkout_outcomes_total\{outcome="declined",service="order"\} 1/,
    );
    expect(text).toMatch(
      /portside_checkout_compensations_total\{compensation="release_reservation",service="order"\} 1/,
    );
    expect(text).toMatch(
      /portside_checkout_recovery_actions_total\{action="resumed",service="order"\} 0/,
    );
    expect(text).toMatch(
      /portside_checkout_step_duration_seconds_count\{service="order",step="pay",result="error"\} 1/,
    );
    expect(text).toMatch(/portside_checkout_in_flight\{service="order"\} 0/);
  });

  it('counts cache results and reads pool state on each scrape', async () => {
    const metrics = createMetrics('catalog', { defaults: false });
    const cache = createCacheMetrics(metrics, 'products');
    cache('hit');
    cache('hit');
    cache('miss');
    const pool = { totalCount: 5, idleCount: 2, waitingCount: 0 };
    observePool(metrics, 'catalog', () => pool);
    pool.waitingCount = 3;

    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /portside_cache_requests_total\{cache="products",result="hit",service="catalog"\} 2/,
    );
    expect(text).toMatch(
      /portside_cache_requests_total\{cache="products",result="error",service="catalog"\} 0/,
    );
    expect(text).toMatch(
      /portside_db_pool_connections\{pool="catalog",state="busy",service="catalog"\} 3/,
    );
    expect(text).toMatch(/portside_db_pool_waiting\{pool="catalog",service="catalog"\} 3/);
  });
});
