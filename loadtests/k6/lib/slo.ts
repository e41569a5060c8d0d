import type { Threshold } from 'k6/options';
import { JOURNEYS } from './config.ts';
import { MAX_FAILED_RATE, MIN_CHECKS_RATE, SLO } from './slo-values.ts';

export { SLO, MAX_FAILED_RATE, MIN_CHECKS_RATE };

export type Slack = { latency: number; failedRate: number };

/**
 * Thresholds per journey tag. Stress and spike profiles pass slack: they look for the
 * breaking point, so they only fail when latency or errors run far past the objectives.
 */
export function journeyThresholds(
  slack: Slack = { latency: 1, failedRate: MAX_FAILED_RATE },
): Record<string, Threshold[]> {
  const thresholds: Record<string, Threshold[]> = {};
  for (const journey of JOURNEYS) {
    const slo = SLO[journey];
    thresholds[`http_req_duration{journey:${journey}}`] = [
      `p(95)<${slo.p95 * slack.latency}`,
      `p(99)<${slo.p99 * slack.latency}`,
    ];
    thresholds[`http_req_failed{journey:${journey}}`] = [`rate<${slack.failedRate}`];
    thresholds[`checks{journey:${journey}}`] = [`rate>${MIN_CHECKS_RATE}`];
  }
  // A broken target stops the run early instead of being hammered for the whole profile.
  thresholds['http_req_failed'] = [
    { threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '30s' },
  ];
  return thresholds;
}
