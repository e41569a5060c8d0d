import type { Express } from 'express';
import type { z } from 'zod';
import { loadConfigOrExit } from './config';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import type { Readiness } from './readiness';
import { exitOnSignals, startServer, type RunningServer } from './server';

/** The keys of baseConfigSchema that runService reads. */
export interface ServerSettings {
  PORT: number;
  LOG_LEVEL: string;
  SHUTDOWN_TIMEOUT_MS: number;
  SHUTDOWN_DELAY_MS: number;
  REQUEST_TIMEOUT_MS: number;
  HEADERS_TIMEOUT_MS: number;
}

type Close = () => Promise<unknown> | unknown;

/** What a service's adapters hand over once its clients exist. */
export interface Connected<Ports, Clients = unknown> {
  /** The domain's ports, implemented over the clients. */
  ports: Ports;
  /** Checks of the clients, named after what they reach (`postgres`, `redis`). */
  readiness: Readiness;
  /** The raw clients, for tests that look at stored state. */
  clients: Clients;
  /** Closes the clients after the drain, in this order. */
  close: Close[];
}

/** The one shape every service's createApp takes. */
export interface ServiceDeps<Config, Ports> {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  readiness: Readiness;
  ports: Ports;
}

export interface ServiceApp {
  app: Express;
}

/** How runService starts one service: each service's main.ts exports nothing but this, run. */
export interface ServiceDefinition<Config extends ServerSettings, Ports, Clients, App> {
  /** Logger and metrics name. */
  name: string;
  configSchema: z.ZodType<Config>;
  connect(
    config: Config,
    logger: Logger,
    metrics: Metrics,
  ): Connected<Ports, Clients> | Promise<Connected<Ports, Clients>>;
  createApp(deps: ServiceDeps<Config, Ports>): App & ServiceApp;
  /** Timers started once the server listens (sweepers, recovery); each returned function stops one. */
  background?(app: App, deps: ServiceDeps<Config, Ports>): Close[];
}

export interface RunOptions<Config> {
  /** Given: run in this process as a test does (errors thrown, no signal handlers). */
  config?: Config;
  logger?: Logger;
  host?: string;
  /** Start the definition's background timers; tests that drive them by hand say false. */
  background?: boolean;
}

export interface RunningService<Config, Ports, Clients, App> extends RunningServer {
  url: string;
  config: Config;
  logger: Logger;
  ports: Ports;
  clients: Clients;
  app: App;
}

/**
 * Config, logger, clients, app, listen, background timers; on shutdown readiness
 * off, drain, stop the timers, close the clients. Without `config` this is a
 * process's main: the environment is parsed (a bad value exits 1 naming it),
 * SIGTERM and SIGINT drain and exit, and a failed start exits 1.
 */
export async function runService<Config extends ServerSettings, Ports, Clients, App>(
  service: ServiceDefinition<Config, Ports, Clients, App>,
  options: RunOptions<Config> = {},
): Promise<RunningService<Config, Ports, Clients, App>> {
  if (options.config) return start(service, options.config, options);
  try {
    const running = await start(service, loadConfigOrExit(service.configSchema), options);
    exitOnSignals(running, running.logger);
    return running;
  } catch (err) {
    // The logger may not exist yet: say why on stderr and stop.
    process.stderr.write(
      `${service.name} failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
    );
    process.exit(1);
  }
}

async function start<Config extends ServerSettings, Ports, Clients, App>(
  service: ServiceDefinition<Config, Ports, Clients, App>,
  config: Config,
  options: RunOptions<Config>,
): Promise<RunningService<Config, Ports, Clients, App>> {
  const logger = options.logger ?? createLogger({ name: service.name, level: config.LOG_LEVEL });
  const metrics = createMetrics(service.name);
  const { ports, readiness, clients, close } = await service.connect(config, logger, metrics);
  const deps: ServiceDeps<Config, Ports> = { config, logger, metrics, readiness, ports };
  const app = service.createApp(deps);
  // Started before listening, as a boot step: recovery of unfinished work begins at once.
  const stopBackground =
    options.background !== false && service.background ? service.background(app, deps) : [];
  const stopAll = () => Promise.all(stopBackground.map((stop) => stop()));
  let server: RunningServer;
  try {
    server = await startServer({
      app: app.app,
      port: config.PORT,
      host: options.host,
      logger,
      readiness,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
      onShutdown: [stopAll, ...close],
    });
  } catch (err) {
    await stopAll();
    for (const closeOne of close) await Promise.resolve(closeOne()).catch(() => undefined);
    throw err;
  }
  const host = options.host ?? '127.0.0.1';
  return {
    ...server,
    url: `http://${host}:${server.port}`,
    config,
    logger,
    ports,
    clients,
    app,
  };
}
