import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createK6Runtime, type K6Runtime } from './shim/k6-runtime';
import { bundleK6Script, instantiateK6Script, type K6Script } from './shim/load-script';

const PROFILES_DIR = join(__dirname, '..', 'k6', 'profiles');
const JOURNEYS = ['browse', 'viewProduct', 'addToCart', 'checkout'];
const profiles = readdirSync(PROFILES_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

let runtime: K6Runtime;
const scripts = new Map<string, K6Script>();

beforeAll(async () => {
  runtime = createK6Runtime({
    env: { BASE_URL: 'http://127.0.0.1:1', SUMMARY_DIR: '/tmp/summaries/' },
  });
  for (const profile of profiles) {
    scripts.set(
      profile,
      instantiateK6Script(await bundleK6Script(join(PROFILES_DIR, `${profile}.ts`)), runtime),
    );
  }
});
afterAll(async () => {
  await runtime.close();
});

/** Arrivals per minute of a scenario at its busiest. */
function peakRate(s: {
  executor: string;
  rate?: number;
  startRate?: number;
  stages?: { target: number }[];
}): number {
  return s.executor === 'constant-arrival-rate'
    ? (s.rate ?? 0)
    : Math.max(s.startRate ?? 0, ...(s.stages ?? []).map((x) => x.target));
}

describe('the load profiles', () => {
  it('are the five the README documents', () => {
    expect(profiles.sort()).toEqual(['average', 'smoke', 'soak', 'spike', 'stress']);
  });

  it.each(profiles)(
    '%s runs every journey as an open-model scenario whose function the script exports',
    (profile) => {
      const script = scripts.get(profile)!;
      const scenarios = script.options.scenarios ?? {};
      expect(Object.keys(scenarios).sort()).toEqual([...JOURNEYS].sort());
      for (const [name, scenario] of Object.entries(scenarios)) {
        expect(scenario.executor).toMatch(/^(constant|ramping)-arrival-rate$/);
        expect(typeof script[scenario.exec ?? 'default']).toBe('function');
        expect(scenario.tags).toEqual({ journey: name });
      }
      expect(typeof script.setup).toBe('function');
      expect(typeof script.handleSummary).toBe('function');
    },
  );

  it.each(profiles)('%s holds every journey to latency, error and check thresholds', (profile) => {
    const thresholds = scripts.get(profile)!.options.thresholds ?? {};
    for (const journey of JOURNEYS) {
      expect(thresholds[`http_req_duration{journey:${journey}}`]).toEqual([
        expect.stringMatching(/^p\(95\)</),
        expect.stringMatching(/^p\(99\)</),
      ]);
      expect(thresholds[`http_req_failed{journey:${journey}}`]).toEqual([
        expect.stringMatching(/^rate</),
      ]);
      expect(thresholds[`checks{journey:${journey}}`]).toEqual([expect.stringMatching(/^rate>/)]);
    }
  });

  it.each(profiles)('%s sends many more browsers than buyers', (profile) => {
    const s = scripts.get(profile)!.options.scenarios!;
    type S = Parameters<typeof peakRate>[0];
    expect(peakRate(s['browse'] as S)).toBeGreaterThan(peakRate(s['viewProduct'] as S));
    expect(peakRate(s['viewProduct'] as S)).toBeGreaterThan(peakRate(s['addToCart'] as S));
    expect(peakRate(s['addToCart'] as S)).toBeGreaterThanOrEqual(peakRate(s['checkout'] as S));
    expect(peakRate(s['checkout'] as S)).toBeGreaterThanOrEqual(1);
  });

  it('stops in setup, naming the target, when the stack does not answer', () => {
    const script = scripts.get('smoke')!;
    expect(() => script.setup!()).toThrow(
      'target http://127.0.0.1:1 is not answering: GET /api/categories',
    );
    expect(runtime.requests.map((r) => r.url)).toEqual(['http://127.0.0.1:1/api/categories']);
  });

  it.each(profiles)(
    '%s writes its summary as JSON and text into SUMMARY_DIR, naming the profile',
    (profile) => {
      const out = scripts.get(profile)!.handleSummary!({
        metrics: {},
        root_group: { name: '', groups: [], checks: [] },
      });
      expect(Object.keys(out).sort()).toEqual([
        `/tmp/summaries/k6-summary-${profile}.json`,
        `/tmp/summaries/k6-summary-${profile}.txt`,
        'stdout',
      ]);
      expect(out['stdout']).toContain(`profile ${profile} against http://127.0.0.1:1`);
    },
  );
});
