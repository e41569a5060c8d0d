import type { ComposeRunner } from '../compose/compose-cli';
import { imageVariableFor } from '../compose/compose-file';
import { COMPOSE_LABEL, serviceLabels } from '../compose/labels';
import type { FakeDocker } from './fake-docker';

export interface FakeCompose extends ComposeRunner {
  /** Every call, as `args... X_IMAGE=value...` with the image variables it was given. */
  calls: string[];
  /** What `compose run` (a migration) exits with. */
  runExitCode: number;
}

/**
 * Docker Compose over a FakeDocker, for the commands a rollout uses: `config --hash`, `up
 * --no-start --scale` (creates the missing containers, stopped, named and labelled as compose
 * does) and `run`. A service's configuration is its image variable, so the hash follows it.
 */
export function fakeCompose(docker: FakeDocker, project: string): FakeCompose {
  const fake: FakeCompose = {
    calls: [],
    runExitCode: 0,
    async run(args, env = {}) {
      const service = args.at(-1)?.replace(/^--hash=/, '') ?? '';
      const image = env[imageVariableFor(service)] ?? '';
      const imageVariables = Object.entries(env)
        .filter(([key]) => key.endsWith('_IMAGE'))
        .sort();
      fake.calls.push(
        [...args, ...imageVariables.map(([key, value]) => `${key}=${value}`)].join(' '),
      );
      if (args[0] === 'config')
        return { code: 0, stdout: `${service} hash-of-${image}\n`, stderr: '' };
      if (args[0] === 'run')
        return { code: fake.runExitCode, stdout: '', stderr: 'migration failed: relation exists' };
      const scale = args[args.indexOf('--scale') + 1];
      if (args.includes('--no-start') && scale) {
        const existing = await docker.listContainers(serviceLabels(project, service), true);
        let number = Math.max(
          0,
          ...existing.map((container) => Number(container.labels[COMPOSE_LABEL.number])),
        );
        for (let count = existing.length; count < Number(scale.split('=')[1]); count++) {
          number += 1;
          const labels = {
            ...serviceLabels(project, service),
            [COMPOSE_LABEL.number]: String(number),
            [COMPOSE_LABEL.configHash]: `hash-of-${image}`,
          };
          docker.addContainer({
            name: `${project}_${service}_${number}`,
            image,
            labels,
            running: false,
            health: undefined,
          });
        }
      }
      return { code: 0, stdout: '', stderr: '' };
    },
  };
  return fake;
}
