import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CourseEnv } from './env';

/** The learner's answers to a lesson, from course/work/<lesson>-answers.json; undefined when absent. */
export function readAnswers(env: CourseEnv, lesson: string): Record<string, unknown> | undefined {
  const file = answersFile(env, lesson);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export const answersFile = (env: CourseEnv, lesson: string): string =>
  path.join(env.workDir, `${lesson}-answers.json`);
