import { run } from './run';
import { composeDefault } from './stack';

/**
 * Base images for this run: an explicit variable wins (CI sets them all);
 * otherwise the official image from compose.yaml when it is present here;
 * otherwise the offline stand-in when that is (machines with no registry).
 */
const STAND_INS: Record<string, string> = {
  NODE_IMAGE: 'local/node:24',
  NGINX_IMAGE: 'local/nginx:1',
  HAPROXY_IMAGE: 'local/haproxy:2',
  POSTGRES_IMAGE: 'local/postgres:15',
  REDIS_IMAGE: 'local/redis:7',
};

const imageExists = async (image: string) =>
  (await run('docker', ['image', 'inspect', image])).code === 0;

export async function chooseBaseImages(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const chosen: Record<string, string> = {};
  for (const [variable, standIn] of Object.entries(STAND_INS)) {
    const explicit = env[variable];
    const official = composeDefault(variable);
    if (explicit) chosen[variable] = explicit;
    else if (await imageExists(official)) chosen[variable] = official;
    else if (await imageExists(standIn)) chosen[variable] = standIn;
    else chosen[variable] = official;
  }
  return chosen;
}
