import { readAnswers } from '../answers';
import type { CourseEnv } from '../env';
import { storedRuns } from '../perf-runs';
import { finding, type Finding } from '../verdict';

const BASELINE_RUNS = 3;
// The profiles' budget of failed requests (loadtests/k6/lib/slo-values.ts).
const ERROR_BUDGET = 0.01;

/** Lesson 7: a baseline of three smoke runs for one release, and its p95 read off the summary. */
export async function checkLoadtest(env: CourseEnv): Promise<Finding[]> {
  const baseline = [...storedRuns(env, 'smoke').entries()].find(
    ([release, runs]) => release !== '_adhoc' && runs.length >= BASELINE_RUNS,
  );
  if (!baseline)
    return [finding(false, `a release has ${BASELINE_RUNS} or more smoke runs (--runs 3)`)];
  const [release, runs] = baseline;
  const p95s = runs.map((r) => r.overall.p95Ms);
  const answers = readAnswers(env, '07');
  if (!answers) return [finding(false, 'course/work/07-answers.json exists')];
  const answered = Number(answers.p95Ms);
  return [
    finding(true, `release ${release} has ${runs.length} smoke runs`),
    finding(
      runs.every((r) => r.overall.errorRate < ERROR_BUDGET),
      `every run failed fewer than ${ERROR_BUDGET * 100} % of its requests (${runs.map((r) => `${(r.overall.errorRate * 100).toFixed(2)} %`).join(', ')})`,
    ),
    finding(
      // The summary prints p95 to 0.1 ms.
      answered >= Math.min(...p95s) - 0.5 && answered <= Math.max(...p95s) + 0.5,
      `p95Ms (${answered}) lies among the runs' overall p95 (${Math.min(...p95s).toFixed(1)}..${Math.max(...p95s).toFixed(1)} ms)`,
    ),
  ];
}
