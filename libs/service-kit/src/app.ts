import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { runWithContext } from './context';
import { FaultSwitches } from './faults';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { observabilityConfig } from './observability-config';
import { errorHandler, notFoundHandler } from './problem';
import type { Readiness } from './readiness';
import { requestLog } from './request-log';
import { routePatternOf } from './route-pattern';
import { securityHeaders } from './security-headers';

export interface ServiceAppOptions {
  logger: Logger;
  readiness: Readiness;
  metrics: Metrics;
  /** Mounts the service's own routes. */
  routes: (app: Express) => void;
  bodyLimit?: string;
  /**
   * Run-time fault switches on /admin/faults. By default they exist only when
   * FAULT_SWITCHES_TOKEN is set; `false` leaves them out whatever the environment.
   */
  faults?: FaultSwitches | false;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The Express app every service shares: request ids, logs, security headers,
 * body limits, metrics, health and readiness, then the service's routes, then
 * problem+json for everything that goes wrong.
 */
export function createServiceApp(opts: ServiceAppOptions): Express {
  const { logger, readiness, metrics } = opts;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.set('etag', false);

  app.use(requestContext);
  app.use(requestLog(logger, (url) => OPS_PATHS.has(url)));
  app.use(securityHeaders());
  app.use(metrics.middleware);
  app.use(closeConnectionsWhileDraining(readiness));
  const faults = opts.faults ?? defaultFaults(metrics, logger);
  if (faults) {
    app.use(faults.middleware((req) => routePatternOf(app, req)));
    app.use(onlyWithBody(express.json({ limit: '10kb', strict: true })), faults.routes());
  }
  app.use(onlyWithBody(express.json({ limit: opts.bodyLimit ?? '100kb', strict: true })));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  opts.routes(app);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

function defaultFaults(metrics: Metrics, logger: Logger): FaultSwitches | false {
  const token = observabilityConfig().FAULT_SWITCHES_TOKEN;
  return token ? new FaultSwitches(token, metrics, logger) : false;
}

const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = requestId;
  res.setHeader('x-request-id', requestId);
  runWithContext({ requestId }, next);
};

/**
 * During shutdown, tell keep-alive clients to go elsewhere after this answer.
 * Decided when the headers go out, so requests already running when shutdown
 * began are covered too.
 */
function closeConnectionsWhileDraining(readiness: Readiness): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (readiness.shuttingDown) this.setHeader('connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}

/**
 * Runs a body parser only for requests that carry a body (the parser's own first
 * check, without entering it): most requests are GETs, and the parser's
 * bookkeeping showed in the profile of the cheapest of them.
 */
function onlyWithBody(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const { 'content-length': length, 'transfer-encoding': encoding } = req.headers;
    if (length === undefined && encoding === undefined) return next();
    return parser(req, res, next);
  };
}
