import { ConfigError, loadConfig } from '@portside/service-kit';
import { orderConfigSchema } from './config';

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/orders',
  CATALOG_URL: 'http://catalog:3001',
  CART_URL: 'http://cart:3002',
  INTERNAL_TOKEN: 'an-internal-token-of-this-deployment',
};

describe('order config', () => {
  it('fills in defaults around the required URLs', () => {
    expect(loadConfig(orderConfigSchema, required)).toMatchObject({
      PORT: 3003,
      SHIPPING_CENTS: 499,
      FREE_SHIPPING_OVER_CENTS: 5000,
      RESERVATION_TTL_SECONDS: 300,
    });
  });

  it('names a missing or malformed variable', () => {
    const { CART_URL: _cart, ...missing } = required;
    expect(() => loadConfig(orderConfigSchema, missing)).toThrow(/CART_URL/);
    expect(() =>
      loadConfig(orderConfigSchema, { ...required, PAYMENT_TIMEOUT_MS: 'soon' }),
    ).toThrow(ConfigError);
  });
});
