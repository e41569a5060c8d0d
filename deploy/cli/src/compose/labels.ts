/** The labels Docker Compose puts on containers; `compose ps/logs/down` find containers by them. */
export const COMPOSE_LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  oneoff: 'com.docker.compose.oneoff',
  number: 'com.docker.compose.container-number',
  configHash: 'com.docker.compose.config-hash',
} as const;

export const serviceLabels = (project: string, service: string) => ({
  [COMPOSE_LABEL.project]: project,
  [COMPOSE_LABEL.service]: service,
  [COMPOSE_LABEL.oneoff]: 'False',
});
