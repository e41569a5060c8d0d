import autocannon from 'autocannon';
import { thisMachine } from './machine';
import type { LoadPlan, PlannedRequest } from './load-plan';
import { splitConnections } from './load-plan';
import type { RunSummary, TrafficStats } from './run-summary';
import { trafficStats } from './traffic-stats';

interface JourneyRecord {
  latencies: number[];
  failed: number;
  seconds: number;
}

/**
 * Plays a plan once with autocannon (closed model: each connection sends its next request when
 * the last one answered), one autocannon instance per journey, all at once. Every response time
 * is kept, so percentiles are exact, and the generator's own CPU use is measured beside them.
 */
export async function runPlanOnce(
  plan: LoadPlan,
  input: { profile: string; baseUrl: string; release?: string; connections?: number },
): Promise<RunSummary> {
  const total = input.connections ?? plan.connections;
  const shares = splitConnections(plan, total);
  const startedAt = new Date().toISOString();
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  const records = await Promise.all(
    plan.journeys.map((journey, i) =>
      playJourney(input.baseUrl, journey.requests, shares[i]!, plan.durationSeconds),
    ),
  );
  const wallSeconds = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);

  const journeys: Record<string, TrafficStats> = {};
  plan.journeys.forEach((journey, i) => {
    const r = records[i]!;
    journeys[journey.name] = trafficStats(r.latencies, r.failed, r.seconds);
  });
  const seconds = Math.max(...records.map((r) => r.seconds));
  const overall = trafficStats(
    records.flatMap((r) => r.latencies),
    records.reduce((sum, r) => sum + r.failed, 0),
    seconds,
  );
  return {
    profile: input.profile,
    release: input.release,
    runner: 'autocannon',
    baseUrl: input.baseUrl,
    startedAt,
    durationSeconds: seconds,
    concurrency: shares.reduce((sum, n) => sum + n, 0),
    machine: thisMachine(),
    generatorCpu: (cpu.user + cpu.system) / 1e6 / wallSeconds,
    journeys,
    overall,
  };
}

function playJourney(
  baseUrl: string,
  requests: PlannedRequest[],
  connections: number,
  durationSeconds: number,
): Promise<JourneyRecord> {
  const latencies: number[] = [];
  let failed = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: baseUrl, connections, duration: durationSeconds, timeout: 10, requests },
      (error, result) => {
        if (error) return reject(error);
        // Connection errors and timeouts never produce a response: count them as failed requests.
        const unanswered = result.errors;
        for (let i = 0; i < unanswered; i++) latencies.push(10_000);
        resolve({ latencies, failed: failed + unanswered, seconds: result.duration });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode >= 400) failed++;
    });
  });
}
