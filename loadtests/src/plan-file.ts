import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { AutocannonPlan } from './autocannon-plan';

/*
 * A workspace's own load profiles, as data: `loadtests/plans/<name>.json` holds the requests of
 * each journey, the connections, the seconds and the SLOs, exactly what the autocannon runner
 * plays. A fork with other apps loads them without writing a runner; a plan file of the same
 * name as a built-in profile takes its place.
 */

export const PLANS_DIR = join('loadtests', 'plans');

const objective = z.object({
  p95Ms: z.number().positive(),
  p99Ms: z.number().positive(),
  maxErrorRate: z.number().min(0).max(1),
});

const planFile = z
  .object({
    connections: z.number().int().positive(),
    durationSeconds: z.number().positive(),
    journeys: z
      .array(
        z.object({
          name: z.string().min(1),
          weight: z.number().positive(),
          requests: z
            .array(
              z.object({
                method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
                path: z.string().startsWith('/'),
                headers: z.record(z.string(), z.string()).optional(),
                body: z.string().optional(),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
    slo: z.record(z.string(), objective),
  })
  .refine((plan) => plan.journeys.every((journey) => plan.slo[journey.name]), {
    message: 'every journey needs its objective under "slo"',
    path: ['slo'],
  });

export type PlanFile = z.infer<typeof planFile>;

/** A plan file that is not JSON or not a plan: the person who wrote it can fix it. */
export class PlanFileError extends Error {}

/** The profile names a workspace defines in plan files. */
export function workspacePlans(root: string): string[] {
  const dir = join(root, PLANS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** The workspace's plan file for a profile, or undefined when it has none. */
export function planFilePath(root: string, profile: string): string | undefined {
  const file = join(root, PLANS_DIR, `${profile}.json`);
  return existsSync(file) ? file : undefined;
}

/** Reads and checks a plan file; a mistake names the file and the field. */
export function readPlanFile(file: string, root = process.cwd()): AutocannonPlan {
  const shown = relative(root, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlanFileError(`${shown} is not JSON: ${(error as Error).message}`);
  }
  const parsed = planFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlanFileError(`${shown}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data as AutocannonPlan;
}
