import { inspectContainer, projectContainers, serviceOf } from './support/docker-inspect';
import { runOrThrow } from './support/run';
import { currentStack } from './support/stack';

// Runs last (see support/stop-last-sequencer.cjs): it stops the stack's apps and its ingress.
const { project } = currentStack();
const APPS = ['ingress', 'storefront', 'order', 'cart', 'catalog'];

describe('docker stop', () => {
  it.each(APPS)('ends %s within its grace period with exit code 0', async (service) => {
    const target = (await projectContainers(project)).find((c) => serviceOf(c) === service);
    if (!target) throw new Error(`no container for ${service}`);
    // No -t: Docker waits the container's own stop_grace_period, then kills
    // with SIGKILL, which would show as exit code 137.
    await runOrThrow('docker', ['stop', target.Id], { timeoutMs: 120_000 });
    const { State } = await inspectContainer(target.Id);
    expect(State).toMatchObject({ Status: 'exited', ExitCode: 0, OOMKilled: false });
  });
});
