/**
 * Every secret value committed to this repository for development (docker/.env,
 * the local Kubernetes overlay's dev-secrets, scripts/dev.mjs). They are public:
 * a deployment in production mode refuses to start with any of them.
 * development-secrets.spec.ts keeps this list in step with those files.
 */
export const DEVELOPMENT_SECRETS: readonly string[] = [
  // docker/.env
  'dev-only-admin-token-not-a-secret',
  'dev-only-internal-token-not-a-secret',
  'dev-only-postgres-password',
  'dev-only-catalog-owner-password',
  'dev-only-catalog-app-password',
  'dev-only-orders-owner-password',
  'dev-only-orders-app-password',
  'dev-only-redis-cart-password',
  'dev-only-redis-catalog-password',
  // deploy/k8s/overlays/local/dev-secrets
  'dev-admin-token-not-secret',
  'dev-internal-token-not-secret',
  'dev-postgres-password-not-secret',
  // scripts/dev.mjs
  'dev-admin-token-change-me',
  'dev-internal-token-change-me',
];

/**
 * The names of the keys whose value is, or carries (as a URL's password), a
 * committed development secret.
 */
export function keysHoldingDevelopmentSecrets(config: Record<string, unknown>): string[] {
  return Object.entries(config)
    .filter(([, value]) => typeof value === 'string' && secretsIn(value).some(isDevelopmentSecret))
    .map(([key]) => key);
}

const isDevelopmentSecret = (value: string) => DEVELOPMENT_SECRETS.includes(value);

function secretsIn(value: string): string[] {
  const found = [value];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (url.password) found.push(decodeURIComponent(url.password));
    } catch {
      // not a URL after all: the whole value was checked
    }
  }
  return found;
}
