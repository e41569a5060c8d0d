import type { Options, Scenario, Stage } from 'k6/options';
import { JOURNEYS, LOAD_FACTOR, type Journey } from './config.ts';
import { journeyThresholds, type Slack } from './slo.ts';
import { TRAFFIC } from './traffic.ts';

/** A load shape in journeys per second for the whole shop; each journey gets its share of it. */
export type LoadShape =
  | { kind: 'constant'; perSecond: number; duration: string }
  | { kind: 'ramping'; startPerSecond: number; stages: Stage[] };

/** Rates are per minute so the rarest journey (checkout) still gets a whole number of arrivals. */
const perMinute = (perSecond: number, journey: Journey) =>
  Math.max(1, Math.round(perSecond * LOAD_FACTOR * 60 * TRAFFIC[journey].share));

function vus(peakPerSecond: number, journey: Journey) {
  const busy = Math.ceil(
    peakPerSecond * LOAD_FACTOR * TRAFFIC[journey].share * TRAFFIC[journey].seconds,
  );
  return { preAllocatedVUs: Math.max(2, Math.ceil(busy * 1.2)), maxVUs: Math.max(4, busy * 3) };
}

/** Open-model scenarios: arrivals do not wait for slow answers, as real visitors do not. */
export function scenarios(shape: LoadShape): Record<string, Scenario> {
  const out: Record<string, Scenario> = {};
  for (const journey of JOURNEYS) {
    const base = { exec: journey, tags: { journey }, timeUnit: '1m', gracefulStop: '30s' };
    if (shape.kind === 'constant') {
      out[journey] = {
        ...base,
        executor: 'constant-arrival-rate',
        rate: perMinute(shape.perSecond, journey),
        duration: shape.duration,
        ...vus(shape.perSecond, journey),
      };
    } else {
      const peak = Math.max(shape.startPerSecond, ...shape.stages.map((s) => s.target));
      out[journey] = {
        ...base,
        executor: 'ramping-arrival-rate',
        startRate: shape.startPerSecond === 0 ? 0 : perMinute(shape.startPerSecond, journey),
        stages: shape.stages.map((s) => ({
          duration: s.duration,
          target: s.target === 0 ? 0 : perMinute(s.target, journey),
        })),
        ...vus(peak, journey),
      };
    }
  }
  return out;
}

export function buildOptions(shape: LoadShape, slack?: Slack): Options {
  return {
    scenarios: scenarios(shape),
    thresholds: journeyThresholds(slack),
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    // setup() pages through the catalog; give a cold stack time to warm its caches.
    setupTimeout: '60s',
    userAgent: 'portside-loadtest (k6)',
  };
}
