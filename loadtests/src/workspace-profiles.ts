import { autocannonPlan, type AutocannonPlan } from './autocannon-plan';
import { planFilePath, readPlanFile, workspacePlans } from './plan-file';
import { isProfile, PROFILES } from './profiles';

export type ProfilePlan = {
  plan: AutocannonPlan;
  /** The workspace's plan file when it defines the profile: there is no k6 script for it. */
  file?: string;
};

/** Every profile a workspace can run: the built-in ones and its plan files. */
export function profilesOf(root: string): string[] {
  return [...new Set([...PROFILES, ...workspacePlans(root)])];
}

/** The plan of a profile in a workspace: its plan file if it has one, else the built-in profile. */
export async function profilePlan(
  profile: string,
  baseUrl: string,
  root: string,
): Promise<ProfilePlan> {
  const file = planFilePath(root, profile);
  if (file) return { plan: readPlanFile(file, root), file };
  if (isProfile(profile)) return { plan: await autocannonPlan(profile, baseUrl) };
  throw new Error(
    `unknown load test profile "${profile}"; profiles are: ${profilesOf(root).join(', ')}`,
  );
}
