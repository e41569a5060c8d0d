import { summaryOutputs, textSummary, thresholdsPassed, type SummaryData } from '../k6/lib/summary';

const meta = { profile: 'smoke', baseUrl: 'http://127.0.0.1:8080' };

function data(overrides: Partial<SummaryData['metrics']> = {}): SummaryData {
  return {
    state: { testRunDurationMs: 61_500 },
    metrics: {
      iterations: { type: 'counter', values: { count: 12, rate: 0.2 } },
      http_reqs: { type: 'counter', values: { count: 80, rate: 1.3 } },
      http_req_failed: { type: 'rate', values: { rate: 0, passes: 0, fails: 80 } },
      checks: { type: 'rate', values: { rate: 1, passes: 120, fails: 0 } },
      'http_req_duration{journey:browse}': {
        type: 'trend',
        values: { count: 40, 'p(95)': 12.34, 'p(99)': 1500 },
        thresholds: { 'p(95)<300': { ok: true }, 'p(99)<800': { ok: false } },
      },
      'http_req_failed{journey:browse}': {
        type: 'rate',
        values: { rate: 0.025 },
        thresholds: { 'rate<0.01': { ok: false } },
      },
      'checks{journey:browse}': {
        type: 'rate',
        values: { rate: 0.98 },
        thresholds: { 'rate>0.99': { ok: false } },
      },
      'http_req_duration{journey:checkout}': {
        type: 'trend',
        values: { count: 8, 'p(95)': 200, 'p(99)': 250 },
      },
      ...overrides,
    },
    root_group: {
      name: '',
      checks: [],
      groups: [
        {
          name: 'browse',
          groups: [],
          checks: [
            { name: 'browse: search answers 200', passes: 9, fails: 1 },
            { name: 'browse: categories answer 200', passes: 10, fails: 0 },
          ],
        },
      ],
    },
  };
}

describe('the text summary', () => {
  it('opens with the profile, the target and the run totals', () => {
    const text = textSummary(data(), meta);
    expect(text).toContain('Portside load test: profile smoke against http://127.0.0.1:8080');
    expect(text).toContain(
      'duration 61.5s, 12 journeys, 80 requests, 0.00% failed, 100.00% checks passed',
    );
  });

  it('shows one row per journey with request count, p95, p99, failed share and checks', () => {
    const rows = textSummary(data(), meta).split('\n');
    const browse = rows.find((l) => l.startsWith('browse'));
    expect(browse?.split(/\s+/)).toEqual(['browse', '40', '12.3ms', '1.50s', '2.50%', '98.00%']);
    const checkout = rows.find((l) => l.startsWith('checkout'));
    expect(checkout?.split(/\s+/)).toEqual(['checkout', '8', '200.0ms', '250.0ms', '-', '-']);
  });

  it('marks each threshold as held or failed, and names the failing checks with their group', () => {
    const text = textSummary(data(), meta);
    expect(text).toContain('ok     http_req_duration{journey:browse} p(95)<300');
    expect(text).toContain('FAILED http_req_duration{journey:browse} p(99)<800');
    expect(text).toContain('browse / browse: search answers 200: 1 failed, 9 passed');
    expect(text).not.toContain('categories answer 200:');
    expect(text).toContain('RESULT: SLOs missed');
  });

  it('reports success when every threshold held and every check passed', () => {
    const passing = data({
      'http_req_duration{journey:browse}': {
        type: 'trend',
        values: { count: 1 },
        thresholds: { 'p(95)<300': { ok: true } },
      },
      'http_req_failed{journey:browse}': {
        type: 'rate',
        values: { rate: 0 },
        thresholds: { 'rate<0.01': { ok: true } },
      },
      'checks{journey:browse}': {
        type: 'rate',
        values: { rate: 1 },
        thresholds: { 'rate>0.99': { ok: true } },
      },
    });
    passing.root_group = { name: '', checks: [], groups: [] };
    expect(thresholdsPassed(passing)).toBe(true);
    const text = textSummary(passing, meta);
    expect(text).toContain('checks: all passed');
    expect(text).toContain('RESULT: all SLOs met');
  });
});

describe('the summary files', () => {
  it('writes the text to the terminal and both files into the summary directory', () => {
    const out = summaryOutputs(data(), meta, '/summaries/abc123');
    expect(Object.keys(out).sort()).toEqual([
      '/summaries/abc123/k6-summary-smoke.json',
      '/summaries/abc123/k6-summary-smoke.txt',
      'stdout',
    ]);
    expect(out['stdout']).toBe(out['/summaries/abc123/k6-summary-smoke.txt']);
    const json = JSON.parse(out['/summaries/abc123/k6-summary-smoke.json']!);
    expect(json.portside).toEqual(meta);
    expect(json.metrics['http_reqs'].values.count).toBe(80);
  });
});
