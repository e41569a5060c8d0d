import { ConfigError, loadConfig } from '@portside/service-kit';
import { cartConfigSchema } from './config';

const required = { REDIS_URL: 'redis://127.0.0.1:6379', CATALOG_URL: 'http://catalog:3001' };

describe('cart configuration', () => {
  it('fills in the defaults', () => {
    expect(loadConfig(cartConfigSchema, required)).toMatchObject({
      PORT: 3002,
      REDIS_KEY_PREFIX: '',
      CART_TTL_SECONDS: 7 * 24 * 60 * 60,
      CATALOG_TIMEOUT_MS: 2000,
    });
  });

  it.each(['REDIS_URL', 'CATALOG_URL'])('names a missing %s', (key) => {
    const env: Record<string, string> = { ...required };
    delete env[key];
    expect(() => loadConfig(cartConfigSchema, env)).toThrow(ConfigError);
    expect(() => loadConfig(cartConfigSchema, env)).toThrow(new RegExp(key));
  });

  it('names a CART_TTL_SECONDS that is not a positive whole number', () => {
    expect(() => loadConfig(cartConfigSchema, { ...required, CART_TTL_SECONDS: '0' })).toThrow(
      /CART_TTL_SECONDS/,
    );
  });

  it('refuses a CATALOG_URL that is not http', () => {
    expect(() =>
      loadConfig(cartConfigSchema, { ...required, CATALOG_URL: 'ftp://catalog' }),
    ).toThrow(/CATALOG_URL/);
  });
});
