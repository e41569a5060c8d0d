import { parseArgs } from 'node:util';

export type BenchOptions = {
  /** The stack's edge. */
  url: string;
  /** Seconds per measured target (autocannon's duration). */
  duration: number;
  connections: number;
  /** Checkouts fired (each needs a cart prepared beforehand): bounds the orders written. */
  checkouts: number;
  /** Concurrent checkouts: a write saga of several internal calls, so fewer than the reads. */
  checkoutConnections: number;
  /** Seconds of unmeasured warm-up before each read/update target. */
  warmup: number;
  /** Also write the raw results here as JSON. */
  json?: string;
};

const positive = (name: string, value: string, max: number) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new Error(`--${name} must be a number in (0, ${max}], got "${value}"`);
  return n;
};

/** Flags win over environment variables, which win over the defaults. Every bound has a ceiling. */
export function parseBenchOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: env['BENCH_URL'] ?? 'http://127.0.0.1:8080' },
      duration: { type: 'string', default: env['BENCH_DURATION'] ?? '10' },
      connections: { type: 'string', default: env['BENCH_CONNECTIONS'] ?? '50' },
      checkouts: { type: 'string', default: env['BENCH_CHECKOUTS'] ?? '300' },
      'checkout-connections': {
        type: 'string',
        default: env['BENCH_CHECKOUT_CONNECTIONS'] ?? '10',
      },
      warmup: { type: 'string', default: env['BENCH_WARMUP'] ?? '2' },
      json: { type: 'string' },
    },
  });
  const url = new URL(values.url);
  if (
    !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
    env['BENCH_ALLOW_REMOTE'] !== '1'
  ) {
    throw new Error(
      `the benchmark only targets this machine (127.0.0.1); got ${url.hostname}. Set BENCH_ALLOW_REMOTE=1 for a stack you own.`,
    );
  }
  return {
    url: url.toString().replace(/\/+$/, ''),
    duration: positive('duration', values.duration, 120),
    connections: Math.round(positive('connections', values.connections, 500)),
    checkouts: Math.round(positive('checkouts', values.checkouts, 5000)),
    checkoutConnections: Math.round(
      positive('checkout-connections', values['checkout-connections'], 500),
    ),
    warmup: positive('warmup', values.warmup, 30),
    json: values.json,
  };
}
