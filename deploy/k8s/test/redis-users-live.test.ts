import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { named, podSpecOf, rendered } from './support/rendered';

/*
 * The local overlay's Redis as it would start on a cluster: the StatefulSet's command with the
 * rendered redis-users Secret mounted at /etc/redis, in a real Redis container (REDIS_IMAGE,
 * else the manifests' own image). No cluster is needed for this part.
 */
const objects = rendered('local');
const server = podSpecOf(named(objects, 'StatefulSet', 'redis')).containers[0]!;
const usersConf = Buffer.from(
  (named(objects, 'Secret', 'redis-users').data as Record<string, string>)['users.conf']!,
  'base64',
).toString('utf8');
const name = `portside-k8s-redis-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'portside-redis-users-'));

const docker = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', timeout: 60_000 }).trim();
/** redis-cli in the container; error replies come back as text, not as a failed command. */
const cli = (...args: string[]) => docker('exec', name, 'redis-cli', '--no-auth-warning', ...args);
const as = (user: string, password: string, ...command: string[]) =>
  cli('--user', user, '--pass', password, ...command);
const passwordOf = (user: string) =>
  new RegExp(`^user ${user} on >(\\S+)`, 'm').exec(usersConf)![1]!;

beforeAll(async () => {
  writeFileSync(join(dir, 'users.conf'), usersConf);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'users.conf'), 0o644);
  const [command, ...args] = server.command!;
  docker(
    'run',
    '-d',
    '--name',
    name,
    '--entrypoint',
    command!,
    '-v',
    `${dir}:/etc/redis:ro`,
    process.env['REDIS_IMAGE'] ?? server.image,
    ...args,
  );
  for (
    let i = 0;
    i < 50 && cli('--user', 'healthcheck', '--pass', 'healthcheck-only', 'ping') !== 'PONG';
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 200));
}, 90_000);

afterAll(() => {
  execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
});

describe('the in-cluster Redis, started from the rendered manifests', () => {
  it('refuses a client without a user, and answers the readiness probe', () => {
    expect(cli('ping')).toMatch(/NOAUTH/);
    const probe = server.readinessProbe!.exec!.command;
    expect(docker('exec', name, ...probe)).toBe('PONG');
  });

  it('lets each service use only its own keys, with no dangerous command', () => {
    expect(as('cart', passwordOf('cart'), 'set', 'cart:k8s', '1')).toBe('OK');
    expect(as('cart', passwordOf('cart'), 'set', 'catalog:k8s', '1')).toMatch(/NOPERM/);
    expect(as('catalog', passwordOf('catalog'), 'set', 'catalog:k8s', '1')).toBe('OK');
    expect(as('catalog', passwordOf('catalog'), 'flushall')).toMatch(/NOPERM/);
  });

  it('runs with its memory bounded and noeviction', () => {
    const info = as('cart', passwordOf('cart'), 'info', 'memory');
    expect(info).toMatch(/^maxmemory_policy:noeviction/m);
    expect(Number(/^maxmemory:(\d+)/m.exec(info)![1])).toBe(200 * 2 ** 20);
  });
});
