import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseImage, renderKustomization, overlayDir } from '../src';
import { allContainers, id, ofKind, OVERLAYS, podTemplates, rendered } from './support/rendered';

const K8S_DIR = join(__dirname, '..');
const APPS = ['catalog', 'cart', 'order', 'storefront'];
const SENSITIVE = /TOKEN|PASSWORD|SECRET|DATABASE_URL|REDIS_URL|KEY/i;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

describe.each(OVERLAYS)('images in the %s overlay', (overlay) => {
  const containers = podTemplates(rendered(overlay)).flatMap(({ owner, template }) =>
    allContainers(template.spec).map((c) => [`${id(owner)} ${c.name}`, c.image] as const),
  );

  it.each(containers)('%s is pinned by tag or digest, never latest', (_name, image) => {
    const { tag, digest } = parseImage(image);
    expect(tag ?? digest).toBeDefined();
    expect(tag).not.toBe('latest');
  });

  it('names Portside images portside/<app>', () => {
    const names = new Set(
      containers
        .map(([, image]) => parseImage(image).name)
        .filter((n) => n.startsWith('portside/')),
    );
    expect([...names].sort()).toEqual(APPS.map((app) => `portside/${app}`).sort());
  });
});

describe('image pinning', () => {
  it('leaves tags to kustomize: no manifest names a tag for a Portside image', () => {
    for (const file of yamlFiles(join(K8S_DIR, 'base'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/image:\s*portside\/[a-z]+[:@]/);
    }
  });

  it('uses the dev tags that a local build loads into kind', () => {
    const images = podTemplates(rendered('local')).flatMap(({ template }) =>
      allContainers(template.spec).map((c) => c.image),
    );
    for (const app of APPS) expect(images).toContain(`portside/${app}:dev`);
  });

  it('lets the deploy tool pin every Portside container, init containers and Jobs included, by digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const objects = renderKustomization(overlayDir('production'), {
      images: [{ name: 'portside/catalog', newName: 'localhost:5000/portside/catalog', digest }],
    });
    const catalogImages = podTemplates(objects)
      .filter(({ template }) => template.metadata.labels['app.kubernetes.io/name'] === 'catalog')
      .flatMap(({ template }) => allContainers(template.spec).map((c) => c.image));
    expect(catalogImages).toEqual(Array(3).fill(`localhost:5000/portside/catalog@${digest}`));
  });
});

describe.each(OVERLAYS)('secrets in the %s overlay', (overlay) => {
  const objects = rendered(overlay);

  it.each(
    podTemplates(objects).flatMap(({ owner, template }) =>
      allContainers(template.spec).map((c) => [`${id(owner)} ${c.name}`, c] as const),
    ),
  )('%s takes every sensitive variable from a Secret', (_name, container) => {
    for (const variable of container.env ?? []) {
      if (SENSITIVE.test(variable.name)) {
        expect(variable.value).toBeUndefined();
        expect(variable.valueFrom?.secretKeyRef).toBeDefined();
      }
    }
  });

  it('keeps secrets out of ConfigMaps', () => {
    for (const configMap of ofKind(objects, 'ConfigMap')) {
      for (const [key, value] of Object.entries((configMap.data as Record<string, string>) ?? {})) {
        expect(SENSITIVE.test(key) || /:\/\/[^/\s]*:[^@\s]+@/.test(value)).toBe(false);
      }
    }
  });
});

describe('secret values', () => {
  it('never appear in the base or the production overlay: their Secrets are created in the cluster', () => {
    expect(ofKind(renderKustomization(join(K8S_DIR, 'base')), 'Secret')).toEqual([]);
    expect(ofKind(rendered('production'), 'Secret')).toEqual([]);
    for (const file of [
      ...yamlFiles(join(K8S_DIR, 'base')),
      ...yamlFiles(join(K8S_DIR, 'overlays', 'production')),
    ]) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/^kind:\s*Secret/m);
    }
  });

  it('come locally only from committed env files marked development-only', () => {
    const secrets = ofKind(rendered('local'), 'Secret');
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual([
      'cart-redis',
      'catalog-database',
      'catalog-database-owner',
      'catalog-redis',
      'orders-database',
      'orders-database-owner',
      'portside-admin',
      'portside-internal',
      'postgres-roles',
      'postgres-superuser',
      'redis-users',
    ]);
    for (const secret of secrets)
      expect(secret.metadata.labels?.['portside.dev/dev-only']).toBe('true');
    const dir = join(K8S_DIR, 'overlays', 'local', 'dev-secrets');
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^# DEVELOPMENT ONLY/);
    }
    const kustomization = readFileSync(
      join(K8S_DIR, 'overlays', 'local', 'kustomization.yaml'),
      'utf8',
    );
    expect(kustomization).not.toMatch(/literals:/);
  });

  it('are referenced by name wherever a pod needs them', () => {
    const referenced = new Set(
      podTemplates(rendered('production')).flatMap(({ template }) =>
        allContainers(template.spec).flatMap((c) =>
          (c.env ?? []).flatMap((e) => e.valueFrom?.secretKeyRef?.name ?? []),
        ),
      ),
    );
    expect([...referenced].sort()).toEqual([
      'cart-redis',
      'catalog-database',
      'catalog-database-owner',
      'catalog-redis',
      'orders-database',
      'orders-database-owner',
      'portside-admin',
      'portside-internal',
    ]);
  });
});
