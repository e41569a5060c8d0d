import { checkCapacity } from './checks/capacity';
import { checkCompose } from './checks/compose';
import { checkFailure } from './checks/failure';
import { checkHardening } from './checks/hardening';
import { checkHealth } from './checks/health';
import { checkImages } from './checks/images';
import { checkKubernetes } from './checks/kubernetes';
import { checkLoadtest } from './checks/loadtest';
import { checkRolling } from './checks/rolling';
import type { CourseEnv } from './env';
import type { Finding } from './verdict';

export interface Lesson {
  /** Two digits, as in the file names. */
  id: string;
  slug: string;
  title: string;
  /** The lesson's page, from the repository root. */
  file: string;
  check: (env: CourseEnv) => Promise<Finding[]>;
}

const lesson = (id: string, slug: string, title: string, check: Lesson['check']): Lesson => ({
  id,
  slug,
  title,
  file: `docs/course/${id}-${slug}.md`,
  check,
});

export const LESSONS: Lesson[] = [
  lesson('01', 'images-and-layers', 'Images and layers', checkImages),
  lesson('02', 'multi-stage-and-hardening', 'Multi-stage builds and hardening', checkHardening),
  lesson('03', 'health-and-shutdown', 'Health, readiness and graceful shutdown', checkHealth),
  lesson('04', 'compose', 'Compose: the stack, its networks and the ingress', checkCompose),
  lesson('05', 'rolling-updates', 'Rolling updates without downtime', checkRolling),
  lesson('06', 'kubernetes', 'Kubernetes objects', checkKubernetes),
  lesson('07', 'load-testing', 'Load testing with k6', checkLoadtest),
  lesson('08', 'capacity', 'Capacity and availability', checkCapacity),
  lesson('09', 'failure', 'Failure: a crash mid-checkout, a slow dependency', checkFailure),
];

/** A lesson by number (`3`, `03`) or slug (`compose`). */
export function findLesson(name: string): Lesson | undefined {
  const wanted = name.trim().toLowerCase();
  return LESSONS.find(
    (l) => l.id === wanted.padStart(2, '0') || l.slug === wanted || l.slug.startsWith(`${wanted}-`),
  );
}
