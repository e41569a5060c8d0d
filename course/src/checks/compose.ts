import { readAnswers } from '../answers';
import { networksOf, projectContainers, running, serviceOf } from '../docker';
import type { CourseEnv } from '../env';
import { finding, type Finding } from '../verdict';

/** Lesson 4: which services sit on the data network only, and where the edge is published. */
export async function checkCompose(env: CourseEnv): Promise<Finding[]> {
  const containers = running(await projectContainers(env.project));
  if (containers.length === 0) return [finding(false, `project ${env.project} is running`)];
  const dataOnly = [
    ...new Set(
      containers
        .filter((c) => {
          const networks = networksOf(c, env.project);
          return networks.includes('data') && !networks.includes('public');
        })
        .map(serviceOf),
    ),
  ].sort();
  const edge = containers.find((c) => serviceOf(c) === 'ingress');
  const published = Object.values(edge?.NetworkSettings.Ports ?? {})
    .flatMap((bindings) => bindings ?? [])
    .map((binding) => Number(binding.HostPort));
  const answers = readAnswers(env, '04');
  if (!answers) return [finding(false, 'course/work/04-answers.json exists')];
  const answered = Array.isArray(answers.dataOnly) ? [...answers.dataOnly].map(String).sort() : [];
  return [
    finding(
      JSON.stringify(answered) === JSON.stringify(dataOnly),
      `dataOnly lists the services on the data network and not on the public one (${answered.join(', ') || 'none'})`,
    ),
    finding(
      published.includes(Number(answers.edgePort)),
      `edgePort is the host port the edge publishes (${String(answers.edgePort)})`,
    ),
  ];
}
