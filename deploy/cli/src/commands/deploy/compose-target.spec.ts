import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComposeRunner } from '../../compose/compose-cli';
import type { CommandContext } from '../../core/context';
import { RolloutFailedError } from '../../core/errors';
import { Ledger } from '../../core/ledger';
import { createRecordingReporter } from '../../core/reporter';
import { FakeDocker } from '../../testing/fake-docker';
import { deployCompose } from './compose-target';

const composeFile = path.resolve(__dirname, '../../../test/fixtures/workspace/docker/compose.yaml');
const labels = (service: string) => ({
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': service,
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.container-number': '1',
});
const images = (version: string) => ({
  api: { image: `api:${version}`, digest: `sha256:api${version}` },
  greeter: { image: `greeter:${version}`, digest: `sha256:greeter${version}` },
});

describe('deploying to a running Compose stack', () => {
  let root: string;
  let docker: FakeDocker;
  let ctx: CommandContext;
  let composeCalls: string[];
  let migrationExitCode: number;
  const compose: ComposeRunner = {
    run: async (args, env) => {
      composeCalls.push(`${args.join(' ')} API_IMAGE=${env?.API_IMAGE}`);
      if (args[0] === 'run') return { code: migrationExitCode, stdout: '', stderr: 'migration failed: relation exists' };
      return { code: 0, stdout: '', stderr: '' };
    },
  };
  const deploy = (version: string) => deployCompose(images(version), { composeFile, projectName: 'shop', compose, timing: { healthTimeoutMs: 300, dnsGraceMs: 0 } }, ctx);

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-compose-unit-'));
    docker = new FakeDocker();
    for (const version of ['1', '2']) {
      docker.images.set(`api:${version}`, { Id: `sha256:api${version}` });
      docker.images.set(`greeter:${version}`, { Id: `sha256:greeter${version}` });
    }
    docker.addContainer({ name: 'shop_api_1', image: 'api:1', labels: labels('api') });
    docker.addContainer({ name: 'shop_greeter_1', image: 'greeter:1', labels: labels('greeter') });
    docker.addContainer({ name: 'shop_redis_1', image: 'redis', labels: labels('redis') });
    composeCalls = [];
    migrationExitCode = 0;
    ctx = { root, reporter: createRecordingReporter(), docker, ledger: Ledger.at(root), workspace: { root, deployables: async () => [], affected: async () => [] }, env: {} };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the migration with the new image first, then rolls each app service and never the stateful ones', async () => {
    const release = await deploy('2');
    expect(release.outcome).toBe('succeeded');
    expect(composeCalls[0]).toBe('run --rm --no-deps -T api-migrate API_IMAGE=api:2');
    expect(docker.running('api').map((container) => container.image)).toEqual(['api:2']);
    expect(docker.running('greeter').map((container) => container.image)).toEqual(['greeter:2']);
    expect(docker.running('redis').map((container) => container.name)).toEqual(['shop_redis_1']);
  });

  it('stops before rolling anything when the migration fails, and records the release as failed', async () => {
    migrationExitCode = 1;
    await expect(deploy('2')).rejects.toThrow(new RolloutFailedError('api-migrate exited with 1: migration failed: relation exists'));
    expect(docker.running('api').map((container) => container.image)).toEqual(['api:1']);
    expect(docker.calls.some((call) => call.startsWith('create'))).toBe(false);
    expect((await ctx.ledger.read()).releases.map((release) => release.outcome)).toEqual(['failed']);
  });

  it('rolls the services already moved back when a later one never gets healthy', async () => {
    docker.healthOf = (image) => (image === 'greeter:2' ? 'unhealthy' : 'healthy');
    await expect(deploy('2')).rejects.toThrow(/greeter: the new replica never became healthy/);
    expect(docker.running('api').map((container) => container.image)).toEqual(['api:1']);
    expect(docker.running('greeter').map((container) => container.image)).toEqual(['greeter:1']);
  });
});
