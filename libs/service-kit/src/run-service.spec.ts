import { Writable } from 'node:stream';
import { z } from 'zod';
import { createServiceApp } from './app';
import { baseConfigSchema, loadConfig } from './config';
import { createLogger } from './logger';
import { Readiness } from './readiness';
import { runService, type ServiceDefinition } from './run-service';

const silent = createLogger({
  name: 'test',
  level: 'silent',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

const schema = baseConfigSchema.extend({ GREETING: z.string() });
type Config = z.infer<typeof schema>;

/** A service whose every step writes to a journal, to see what runService does in which order. */
function journalService(
  journal: string[],
): ServiceDefinition<Config, { greet: () => string }, string, object> {
  return {
    name: 'journal',
    configSchema: schema,
    connect: (config) => {
      journal.push('connect');
      return {
        ports: { greet: () => config.GREETING },
        readiness: new Readiness({ store: async () => journal.push('checked') }),
        clients: 'the raw client',
        close: [() => journal.push('close client 1'), () => journal.push('close client 2')],
      };
    },
    createApp: ({ logger, metrics, readiness, ports }) => ({
      app: createServiceApp({
        logger,
        metrics,
        readiness,
        routes: (app) => app.get('/greeting', (_req, res) => void res.json(ports.greet())),
      }),
    }),
    background: () => {
      journal.push('background started');
      return [() => journal.push('background stopped')];
    },
  };
}

describe('runService', () => {
  const config = loadConfig(schema, { PORT: '0', GREETING: 'ahoy' });
  /** In-process, as the API tests run a service. */
  const run = (journal: string[], options: { port?: number; background?: boolean } = {}) =>
    runService(journalService(journal), {
      config: { ...config, PORT: options.port ?? 0 },
      logger: silent,
      host: '127.0.0.1',
      background: options.background,
    });

  it('connects, serves the app with its ports and readiness, and closes in order on shutdown', async () => {
    const journal: string[] = [];
    const running = await run(journal);
    expect(running.clients).toBe('the raw client');
    expect(await (await fetch(`${running.url}/greeting`)).json()).toBe('ahoy');
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);

    await running.shutdown('test');
    expect(journal).toEqual([
      'connect',
      'background started',
      'checked',
      'background stopped',
      'close client 1',
      'close client 2',
    ]);
  });

  it('leaves the background timers alone when told', async () => {
    const journal: string[] = [];
    const running = await run(journal, { background: false });
    await running.shutdown('test');
    expect(journal).toEqual(['connect', 'close client 1', 'close client 2']);
  });

  it('closes the clients when the port cannot be had, and says why', async () => {
    const journal: string[] = [];
    const first = await run([]);
    try {
      await expect(run(journal, { port: first.port })).rejects.toThrow(/EADDRINUSE/);
      expect(journal).toEqual([
        'connect',
        'background started',
        'background stopped',
        'close client 1',
        'close client 2',
      ]);
    } finally {
      await first.shutdown('test');
    }
  });
});
