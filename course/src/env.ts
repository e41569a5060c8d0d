import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the course runs: the learner's shell sets these, the course test sets its own. */
export interface CourseEnv {
  repoRoot: string;
  /** The learner's answers and exercise files (git-ignored). */
  workDir: string;
  /** The edge's published address. */
  edge: string;
  /** The Compose project `portside up` deployed. */
  project: string;
  stateDir: string;
  prometheus: string;
  adminToken: string;
}

// ES module: kubernetes-models, which the Kubernetes checker uses, ships only ES modules.
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function courseEnv(env: NodeJS.ProcessEnv = process.env): CourseEnv {
  const repoRoot = REPO_ROOT;
  return {
    repoRoot,
    workDir: path.resolve(repoRoot, env.COURSE_WORK ?? 'course/work'),
    edge: env.EDGE ?? `http://127.0.0.1:${env.PORTSIDE_HTTP_PORT ?? '8080'}`,
    project: env.PORTSIDE_COMPOSE_PROJECT ?? 'portside',
    stateDir: path.resolve(repoRoot, env.PORTSIDE_STATE_DIR ?? '.portside'),
    prometheus: `http://127.0.0.1:${env.PROMETHEUS_PORT ?? '9090'}`,
    adminToken: env.ADMIN_TOKEN ?? 'dev-only-admin-token-not-a-secret',
  };
}
