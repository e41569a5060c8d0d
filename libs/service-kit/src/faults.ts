import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { requireBearer, timingSafeEqualText } from './auth';
import { AppError } from './errors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { parseInput } from './validation';

/**
 * One fault: requests whose method and path match are delayed, failed, or held.
 * A "slow catalog" is a latency fault on the catalog; a paused dependency is a
 * `pause` fault on it (its callers see it hang, as a frozen process would).
 */
export const faultSchema = z.strictObject({
  /** Path prefix the fault applies to, e.g. /products; every route when absent. */
  route: z
    .string()
    .regex(/^\/[\w\-/:.]*$/, 'must be a path starting with /')
    .max(200)
    .optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  /** Added before the request is handled. */
  latencyMs: z.number().int().min(0).max(30_000).optional(),
  /** Share of matching requests answered with errorStatus instead (0 to 1). */
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z
    .union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
    .default(503),
  /** Holds matching requests until the fault is cleared (at most maxPauseMs). */
  pause: z.boolean().optional(),
});
export const faultsBodySchema = z.strictObject({ faults: z.array(faultSchema).max(20) });

export type Fault = z.infer<typeof faultSchema>;

/** Requests held by a pause go on after this even if it is never cleared. */
const MAX_PAUSE_MS = 60_000;
/** Paths a fault never touches: probes, scrapes and the switch itself. */
const EXEMPT = /^\/(healthz|readyz|metrics|admin\/faults)(\/|$)/;

/**
 * Run-time fault switches for training and load tests. Mounted by the app
 * factory only when FAULT_SWITCHES_TOKEN is set (never in production, which
 * config refuses); everything is off until a trainer PUTs faults.
 */
export class FaultSwitches {
  private faults: Fault[] = [];
  private readonly releases = new Set<() => void>();
  private readonly injected;
  private readonly active;

  constructor(
    private readonly token: string,
    metrics: Metrics,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {
    this.injected = metrics.counter({
      name: 'portside_faults_injected_total',
      help: 'Requests a fault switch delayed, failed or held, by kind.',
      labelNames: ['kind'],
    });
    this.active = metrics.gauge({
      name: 'portside_faults_active',
      help: 'Fault switches turned on now.',
      collect: (gauge) => gauge.set(this.faults.length),
    });
  }

  /**
   * Applies the faults matching a request, before any route. `routeOf` names the
   * route that would have answered, for the metrics of a request failed here.
   */
  middleware(routeOf: (req: Request) => string | undefined): RequestHandler {
    return (req, res, next) => {
      if (this.faults.length === 0 || EXEMPT.test(req.path)) return next();
      const matching = this.faults.filter(
        (f) => (!f.method || f.method === req.method) && (!f.route || req.path.startsWith(f.route)),
      );
      if (matching.length === 0) return next();
      void this.apply(matching).then((failWith) => {
        if (failWith === undefined) return next();
        res.locals['route'] = routeOf(req);
        res.status(failWith).type(PROBLEM_CONTENT_TYPE).json({
          type: '/problems/injected-fault',
          title: 'Failed by a fault switch',
          status: failWith,
          code: 'injected_fault',
        });
      });
    };
  }

  private async apply(matching: Fault[]): Promise<number | undefined> {
    if (matching.some((f) => f.pause)) {
      this.injected.inc({ kind: 'pause' });
      await this.held();
    }
    const latency = Math.max(0, ...matching.map((f) => f.latencyMs ?? 0));
    if (latency > 0) {
      this.injected.inc({ kind: 'latency' });
      await new Promise((resolve) => setTimeout(resolve, latency));
    }
    for (const f of matching) {
      if (f.errorRate && this.random() < f.errorRate) {
        this.injected.inc({ kind: 'error' });
        return f.errorStatus;
      }
    }
    return undefined;
  }

  private held(): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.releases.delete(release);
        resolve();
      };
      const timer = setTimeout(release, MAX_PAUSE_MS);
      this.releases.add(release);
    });
  }

  set(faults: Fault[]): void {
    this.faults = faults;
    if (!faults.some((f) => f.pause)) for (const release of [...this.releases]) release();
    this.logger.warn({ faults }, faults.length ? 'fault switches on' : 'fault switches off');
  }

  list(): Fault[] {
    return this.faults;
  }

  /** GET, PUT and DELETE /admin/faults, behind the bearer token. */
  routes(): Router {
    const router = Router();
    const authorized: RequestHandler = (req, _res, next) => {
      if (!timingSafeEqualText(requireBearer(req), this.token)) {
        throw new AppError('forbidden', 'This token may not switch faults');
      }
      next();
    };
    router.get('/admin/faults', authorized, (_req, res) => {
      res.json({ faults: this.list() });
    });
    router.put('/admin/faults', authorized, (req, res) => {
      this.set(parseInput(faultsBodySchema, req.body).faults);
      res.json({ faults: this.list() });
    });
    router.delete('/admin/faults', authorized, (_req, res) => {
      this.set([]);
      res.status(204).end();
    });
    return router;
  }
}
