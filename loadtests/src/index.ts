/**
 * Runs Portside's k6 load profiles from Node: what `portside loadtest` calls.
 *
 *   const result = await runK6({ profile: 'smoke', baseUrl: 'http://127.0.0.1:8080', summaryDir, onProgress });
 *   result.outcome // 'passed' | 'slos-missed' | 'aborted' | 'error'
 */
export {
  runK6,
  planK6Run,
  outcomeOf,
  type RunK6Options,
  type K6RunResult,
  type K6Outcome,
} from './run';
export {
  buildK6Command,
  renderCommand,
  findK6,
  DEFAULT_K6_IMAGE,
  K6_DIR,
  type K6Command,
} from './command';
export { PROFILES, isProfile, type Profile } from './profiles';
export { parseProgress, formatProgress, type K6ProgressEvent } from './progress';
export { autocannonPlan, type AutocannonPlan } from './autocannon-plan';
export { profilePlan, profilesOf, type ProfilePlan } from './workspace-profiles';
export { readPlanFile, PlanFileError, PLANS_DIR, type PlanFile } from './plan-file';
