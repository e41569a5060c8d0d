import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';
import { DEVELOPMENT_SECRETS } from './development-secrets';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const schema = baseConfigSchema.extend({ ADMIN_TOKEN: z.string(), DATABASE_URL: z.string() });

/** KEY=value lines of an env file whose key names a secret. */
function secretValuesOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]*(TOKEN|PASSWORD|_URL)=/.test(line))
    .flatMap((line) => {
      const value = line.slice(line.indexOf('=') + 1);
      if (!value.includes('://')) return [value];
      const password = new URL(value).password;
      return password ? [decodeURIComponent(password)] : [];
    });
}

describe('the production mode', () => {
  const dev = {
    ADMIN_TOKEN: 'dev-only-admin-token-not-a-secret',
    DATABASE_URL: 'postgresql://catalog_app:dev-only-catalog-app-password@postgres:5432/catalog',
  };

  it('refuses to start with a committed development secret, naming each variable', () => {
    const attempt = () => loadConfig(schema, { ...dev, DEPLOYMENT_MODE: 'production' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/ADMIN_TOKEN: holds a development secret/);
    expect(attempt).toThrow(/DATABASE_URL: holds a development secret/);
  });

  it('starts with values of its own, and development mode takes the committed ones', () => {
    expect(() =>
      loadConfig(schema, {
        ADMIN_TOKEN: 'a-token-nobody-has-seen-before',
        DATABASE_URL: 'postgresql://catalog_app:s3cret-of-this-deployment@db:5432/catalog',
        DEPLOYMENT_MODE: 'production',
      }),
    ).not.toThrow();
    expect(loadConfig(schema, dev).DEPLOYMENT_MODE).toBe('development');
  });

  it('knows every secret committed for development', () => {
    const k8s = path.join(ROOT, 'deploy/k8s/overlays/local/dev-secrets');
    const files = [
      path.join(ROOT, 'docker/.env'),
      ...readdirSync(k8s).map((name) => path.join(k8s, name)),
    ];
    const committed = files.flatMap(secretValuesOf);
    const devScript = readFileSync(path.join(ROOT, 'scripts/dev.mjs'), 'utf8');
    committed.push(
      ...[...devScript.matchAll(/(?:TOKEN|PASSWORD)\w* \?\? '([^']+)'/g)].map((m) => m[1] ?? ''),
    );
    expect(committed.length).toBeGreaterThan(5);
    expect(committed.filter((value) => !DEVELOPMENT_SECRETS.includes(value))).toEqual([]);
  });
});
