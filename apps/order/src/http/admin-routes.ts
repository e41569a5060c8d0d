import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, parseInput, requireBearer, timingSafeEqualText } from '@portside/service-kit';
import { FAULT_NAMES, modesOf, type FaultName, type Faults } from '../domain/faults';
import type { Reconciliation } from '../domain/saga/reconciliation';
import type { RecoveryPass } from '../domain/saga/recovery';

export interface AdminRoutesDeps {
  /** Unset: the admin routes do not exist (404). */
  adminToken?: string;
  reconciliation: Reconciliation;
  faults: Faults;
  recoverNow: () => Promise<RecoveryPass>;
}

/** Every fault point, each optional, with the modes it takes. */
const FaultSettingsBody = z.strictObject({
  faults: z.strictObject(
    Object.fromEntries(
      FAULT_NAMES.map((name) => [name, z.enum(modesOf(name) as [string, ...string[]]).optional()]),
    ) as Record<FaultName, z.ZodOptional<z.ZodEnum>>,
  ),
});

/** Operators' routes, behind the admin token (as the catalog checks its own). */
export function adminRoutes(deps: AdminRoutesDeps): Router {
  const router = Router();
  if (!deps.adminToken) return router;
  const admin = requireAdmin(deps.adminToken);
  const base = '/api/orders/admin';

  router.get(`${base}/reconciliation`, admin, async (_req, res) => {
    res.set('cache-control', 'no-store').json(await deps.reconciliation.report());
  });

  router.post(`${base}/recovery`, admin, async (_req, res) => {
    res.json(await deps.recoverNow());
  });

  router.get(`${base}/faults`, admin, (_req, res) => {
    res.json({ allowed: deps.faults.allowed, faults: deps.faults.list() });
  });

  router.put(`${base}/faults`, admin, (req, res) => {
    const { faults } = parseInput(FaultSettingsBody, req.body);
    deps.faults.replace(faults as Parameters<Faults['replace']>[0]);
    res.json({ allowed: true, faults: deps.faults.list() });
  });

  return router;
}

function requireAdmin(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = requireBearer(req);
    if (!timingSafeEqualText(token, adminToken)) {
      throw new AppError('forbidden', 'This token may not administer orders');
    }
    next();
  };
}
