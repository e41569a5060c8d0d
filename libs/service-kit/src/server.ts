import { createServer, type Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from './logger';
import { ConnectionTracker } from './connections';
import type { Readiness } from './readiness';

export interface ServerOptions {
  app: Express;
  port: number;
  host?: string;
  logger: Logger;
  readiness: Readiness;
  /** Budget for in-flight requests to finish once shutdown begins. */
  shutdownTimeoutMs?: number;
  /** Pause between failing readiness and closing the listener. */
  shutdownDelayMs?: number;
  /** A client must have sent its whole request within this (408 otherwise). Default 30 s. */
  requestTimeoutMs?: number;
  /** ...and its headers within this. Default 10 s. */
  headersTimeoutMs?: number;
  /** Closed last, in order: database clients, Redis, timers. */
  onShutdown?: Array<() => Promise<unknown> | unknown>;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Graceful stop: readiness off, drain, close dependencies. Safe to call twice. */
  shutdown(reason?: string): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { app, logger } = opts;
  const requestTimeout = opts.requestTimeoutMs ?? 30_000;
  // Slow-header and slow-body clients are cut off instead of holding a socket for minutes.
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(opts.headersTimeoutMs ?? 10_000, requestTimeout),
      // How often those two are enforced (Node's default, 30 s, would let them overrun a lot).
      connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    },
    app,
  );
  // Outlive the idle timeout of proxies in front (nginx keeps upstream connections 60 s).
  server.keepAliveTimeout = 65_000;
  server.listen(opts.port, opts.host ?? '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const connections = new ConnectionTracker(server);
  logger.info({ port }, 'listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown') => {
    stopping ??= drain(server, connections, opts, reason);
    return stopping;
  };
  return { server, port, shutdown };
}

async function drain(
  server: Server,
  connections: ConnectionTracker,
  opts: ServerOptions,
  reason: string,
): Promise<void> {
  const { logger, readiness } = opts;
  const budget = opts.shutdownTimeoutMs ?? 10_000;
  logger.info({ reason, budgetMs: budget }, 'shutting down: readiness off');
  readiness.beginShutdown();
  if (opts.shutdownDelayMs) await sleep(opts.shutdownDelayMs);

  // Stop accepting, as net.Server does: http's close() would also cut sockets whose
  // request is on its way. Requests still arriving are answered with Connection: close.
  const closed = new Promise<void>((resolve) =>
    NetServer.prototype.close.call(server, () => resolve()),
  );
  connections.closeIdleServed();
  const sweeper = setInterval(() => connections.closeIdleServed(), 100);
  const timedOut = sleep(budget).then(() => 'timeout' as const);
  const outcome = await Promise.race([closed.then(() => 'drained' as const), timedOut]);
  clearInterval(sweeper);
  if (outcome === 'timeout') {
    logger.warn('drain budget spent: closing remaining connections');
    server.closeAllConnections();
    await closed;
  }

  for (const close of opts.onShutdown ?? []) {
    try {
      await close();
    } catch (err) {
      logger.error({ err }, 'error while closing a dependency');
    }
  }
  logger.info('shutdown complete');
}

/** Wires SIGTERM and SIGINT to a graceful shutdown, then exits 0. */
export function exitOnSignals(running: RunningServer, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    running
      .shutdown(signal)
      .then(() => flushAndExit(logger, 0))
      .catch((err) => {
        logger.fatal({ err }, 'shutdown failed');
        flushAndExit(logger, 1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

function flushAndExit(logger: Logger, code: number): void {
  logger.flush(() => process.exit(code));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
