import { z } from 'zod';
import { ConfigError, baseConfigSchema, loadConfig } from './config';

const schema = baseConfigSchema.extend({ DATABASE_URL: z.url() });

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgres://x@h/db', PORT: '4000' });
    expect(config).toMatchObject({ PORT: 4000, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: 10_000 });
  });

  it('names every missing or bad variable', () => {
    const err = (() => {
      try {
        loadConfig(schema, { PORT: 'eighty' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('DATABASE_URL');
  });
});
