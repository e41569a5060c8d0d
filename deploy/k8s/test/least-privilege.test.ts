import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { planApply } from '../src';
import {
  allContainers,
  Container,
  id,
  named,
  OVERLAYS,
  podSpecOf,
  podTemplates,
  rendered,
  type KubeObject,
} from './support/rendered';

const K8S_DIR = join(__dirname, '..');
const REPO = join(K8S_DIR, '..', '..');
const COMPONENT = join(K8S_DIR, 'components', 'in-cluster-data');
const compose = parse(readFileSync(join(REPO, 'docker', 'compose.yaml'), 'utf8')) as {
  services: Record<string, { command?: string | string[]; volumes?: string[]; mem_limit?: string }>;
};

/** A value of a rendered Secret, decoded. */
function secretValue(objects: readonly KubeObject[], name: string, key: string): string {
  const data = named(objects, 'Secret', name).data as Record<string, string>;
  if (data[key] === undefined) throw new Error(`Secret ${name} has no ${key}`);
  return Buffer.from(data[key], 'base64').toString('utf8');
}

/** Which Secret a container takes a variable from. */
function secretOf(container: Container, variable: string): string | undefined {
  return container.env?.find((e) => e.name === variable)?.valueFrom?.secretKeyRef?.name;
}

/** Every container that reads `variable`, by its pod's owner, split into migrations and services. */
function readersOf(objects: readonly KubeObject[], variable: string) {
  return podTemplates(objects).flatMap(({ owner, template }) =>
    allContainers(template.spec)
      .filter((c) => secretOf(c, variable))
      .map((c) => ({
        name: `${id(owner)} ${c.name}`,
        migration: c.command?.join(' ') === 'node dist/migrate.js',
        secret: secretOf(c, variable)!,
      })),
  );
}

/** Redis `user` rules by user name, passwords masked: `--user` options of Compose or config lines. */
function redisUsers(text: string, prefix: string): Map<string, string> {
  const masked = text.replace(/>(\$\{[^}]*\}|\S+)/g, '>PASSWORD');
  const users = new Map<string, string>();
  for (const part of masked.split(prefix).slice(1)) {
    const [name, ...rules] = part.split('--')[0]!.trim().split(/\s+/);
    users.set(name!, rules.join(' '));
  }
  return users;
}

const usersConf = (objects: readonly KubeObject[]) =>
  secretValue(objects, 'redis-users', 'users.conf');

describe('PostgreSQL roles in Kubernetes', () => {
  const objects = rendered('local');
  const job = named(objects, 'Job', 'postgres-roles');

  it('are made by the very script Compose runs: one file, which the ConfigMap is generated from', () => {
    const script = readFileSync(join(COMPONENT, 'init-roles.sh'), 'utf8');
    const configMap = named(objects, 'ConfigMap', 'postgres-roles-script');
    expect((configMap.data as Record<string, string>)['init-roles.sh']).toBe(script);
    const mount = compose.services['postgres-roles']!.volumes!.find((v) =>
      v.endsWith(':/etc/portside/init-roles.sh:ro'),
    )!;
    expect(resolve(REPO, 'docker', mount.split(':')[0]!)).toBe(join(COMPONENT, 'init-roles.sh'));
  });

  it('run in a Job that alone holds the superuser password, and runs the script from that ConfigMap', () => {
    const spec = podSpecOf(job);
    const container = spec.containers[0]!;
    expect(container.command).toEqual(['sh', '/etc/portside/init-roles.sh']);
    expect(spec.volumes?.find((v) => v.configMap?.name === 'postgres-roles-script')).toBeDefined();
    expect(secretOf(container, 'PGPASSWORD')).toBe('postgres-superuser');
    const superuserReaders = podTemplates(objects).flatMap(({ owner, template }) =>
      allContainers(template.spec)
        .filter((c) =>
          (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef?.name === 'postgres-superuser'),
        )
        .map(() => id(owner)),
    );
    expect(superuserReaders.sort()).toEqual(['Job/postgres-roles', 'StatefulSet/postgres']);
  });

  it('come before the migrations that log in with them, when the deploy tool applies the overlay', () => {
    const jobs = planApply(objects)
      .find((step) => step.name === 'migrations')!
      .objects.map((o) => o.metadata.name);
    expect(jobs).toEqual(['postgres-roles', 'catalog-migrate', 'orders-migrate']);
  });

  it.each(OVERLAYS)(
    'in the %s overlay: migrations log in from the owner Secret, services from the app Secret',
    (overlay) => {
      const readers = readersOf(rendered(overlay), 'DATABASE_URL');
      expect(readers.length).toBe(6);
      for (const reader of readers) {
        const database = reader.secret.replace(/-database(-owner)?$/, '');
        expect(['catalog', 'orders']).toContain(database);
        expect([reader.name, reader.secret]).toEqual([
          reader.name,
          reader.migration ? `${database}-database-owner` : `${database}-database`,
        ]);
      }
    },
  );

  it('gives no service a superuser or owner URL: each logs in as its app role with the password the Job set', () => {
    for (const reader of readersOf(objects, 'DATABASE_URL')) {
      const url = new URL(secretValue(objects, reader.secret, 'DATABASE_URL'));
      const database = url.pathname.slice(1);
      const role = reader.migration ? 'owner' : 'app';
      expect([reader.name, url.username]).toEqual([reader.name, `${database}_${role}`]);
      expect(decodeURIComponent(url.password)).toBe(
        secretValue(
          objects,
          'postgres-roles',
          `${database.toUpperCase()}_${role.toUpperCase()}_PASSWORD`,
        ),
      );
    }
  });
});

describe('Redis users in Kubernetes', () => {
  const objects = rendered('local');
  const redis = podSpecOf(named(objects, 'StatefulSet', 'redis'));
  const server = redis.containers[0]!;
  const users = redisUsers(usersConf(objects), '\nuser ');

  it('turn the default user off', () => {
    expect(usersConf(objects)).toMatch(/^user default off$/m);
    expect(users.get('default')).toBe('off');
  });

  it('are loaded from the Secret redis-users as the config file Redis starts with', () => {
    expect(server.command?.slice(0, 2)).toEqual(['redis-server', '/etc/redis/users.conf']);
    const volume = redis.volumes?.find((v) => v.secret?.secretName === 'redis-users');
    expect(server.volumeMounts).toContainEqual(
      expect.objectContaining({ name: volume!.name, mountPath: '/etc/redis' }),
    );
  });

  it('give every service a Redis URL with a user of its own and that user’s password', () => {
    const readers = readersOf(objects, 'REDIS_URL');
    expect(readers.map((r) => r.secret).sort()).toEqual(['cart-redis', 'catalog-redis']);
    for (const reader of readers) {
      const url = new URL(secretValue(objects, reader.secret, 'REDIS_URL'));
      expect(url.username).toBe(reader.secret.replace(/-redis$/, ''));
      expect(usersConf(objects)).toContain(
        `user ${url.username} on >${decodeURIComponent(url.password)} ~${url.username}:* `,
      );
    }
  });

  it('have the same rules as the Compose stack’s Redis, passwords aside', () => {
    const command = compose.services.redis!.command as string;
    expect(users).toEqual(redisUsers(command, '--user '));
    expect(users.size).toBe(5);
  });

  it('are probed as the healthcheck user, which may only PING', () => {
    expect(server.readinessProbe?.exec?.command).toEqual(
      expect.arrayContaining(['redis-cli', '--user', 'healthcheck', 'ping']),
    );
    expect(users.get('healthcheck')).toBe('on >PASSWORD nocommands +ping');
  });
});

describe('Redis memory, in Kubernetes and in Compose', () => {
  const toBytes = (size: string) => {
    const [, value, unit] = /^(\d+)\s*([a-z]*)$/i.exec(size)!;
    const scale: Record<string, number> = { mb: 2 ** 20, m: 2 ** 20, mi: 2 ** 20, gb: 2 ** 30 };
    return Number(value) * (unit ? scale[unit.toLowerCase()]! : 1);
  };
  const option = (words: string[], name: string) => words[words.indexOf(name) + 1]!;

  it('is bounded below the container’s limit with noeviction, so carts are refused, never dropped', () => {
    const server = podSpecOf(named(rendered('local'), 'StatefulSet', 'redis')).containers[0]!;
    const composeWords = (compose.services.redis!.command as string).split(/\s+/);
    const stacks = [
      { words: server.command!, limit: server.resources!.limits!.memory! },
      { words: composeWords, limit: compose.services.redis!.mem_limit! },
    ];
    for (const { words, limit } of stacks) {
      expect(option(words, '--maxmemory-policy')).toBe('noeviction');
      expect(toBytes(option(words, '--maxmemory'))).toBeLessThan(toBytes(limit));
    }
  });
});
