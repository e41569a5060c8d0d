import { randomBytes } from 'node:crypto';
import { freePort } from '@portside/testkit';
import { chooseBaseImages } from './support/base-images';
import { projectContainers, serviceOf } from './support/docker-inspect';
import {
  APPS,
  compose,
  composeBinary,
  publishStack,
  SERVICES,
  type StackInfo,
} from './support/stack';

const HEALTHY_WITHIN_MS = 180_000;

async function waitUntilHealthy(project: string): Promise<void> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  for (;;) {
    const containers = await projectContainers(project);
    const unhealthy = SERVICES.filter(
      (service) =>
        !containers.some((c) => serviceOf(c) === service && c.State.Health?.Status === 'healthy'),
    );
    if (unhealthy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`not healthy in time: ${unhealthy.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Builds every image, starts the stack under a project name of its own and waits for health. */
export default async function globalSetup(): Promise<void> {
  const project = `portside-test-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const baseImages = await chooseBaseImages(process.env);
  const appImages = Object.fromEntries(
    APPS.map((app) => [`${app.toUpperCase()}_IMAGE`, `portside/${app}:test`]),
  );
  const env = { ...process.env, ...baseImages, ...appImages, PORTSIDE_HTTP_PORT: String(port) };
  const stack: StackInfo = { project, baseUrl: `http://127.0.0.1:${port}`, env };
  publishStack(stack);
  process.stdout.write(
    `\ncontainer tests: project ${project}, images ${JSON.stringify(baseImages)}\n`,
  );

  try {
    // The first build fills the dependency layer every other image reuses.
    await compose(stack, ['build', 'catalog'], { timeoutMs: 900_000 });
    // Compose v2 builds in parallel by itself; v1 needs asking.
    const parallel = (await composeBinary())[0] === 'docker-compose' ? ['--parallel'] : [];
    await compose(stack, ['build', ...parallel, 'cart', 'order', 'storefront'], {
      timeoutMs: 600_000,
    });
    await compose(stack, ['up', '-d', '--no-build'], { timeoutMs: 300_000 });
    await waitUntilHealthy(project);
  } catch (error) {
    const logs = await compose(stack, ['logs', '--no-color', '--tail=60']).catch(() => '');
    process.stderr.write(`\nthe stack did not come up; last logs:\n${logs}\n`);
    await compose(stack, ['down', '-v', '--remove-orphans', '-t', '10']).catch(() => undefined);
    throw error;
  }
}
