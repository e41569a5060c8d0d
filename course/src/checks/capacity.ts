import { readAnswers } from '../answers';
import type { CourseEnv } from '../env';
import { newestCapacity } from '../perf-runs';
import { finding, type Finding } from '../verdict';

/** Lesson 8: the sizing and availability the learner read off their own capacity run. */
export async function checkCapacity(env: CourseEnv): Promise<Finding[]> {
  const report = newestCapacity(env);
  if (!report?.sizing)
    return [finding(false, 'a capacity run with --target-rate is stored (npx portside capacity)')];
  const answers = readAnswers(env, '08');
  if (!answers) return [finding(false, 'course/work/08-answers.json exists')];
  const two = report.availability.find((a) => a.replicas === 2)?.availability ?? NaN;
  return [
    finding(
      Number(answers.replicasNeeded) === report.sizing.replicasNeeded,
      `replicasNeeded is what the model sizes for ${report.sizing.targetRate}/s (${String(answers.replicasNeeded)})`,
    ),
    finding(
      Math.abs(Number(answers.availabilityOfTwo) - two) < 1e-4,
      `availabilityOfTwo is the availability of two replicas (${String(answers.availabilityOfTwo)})`,
    ),
  ];
}
