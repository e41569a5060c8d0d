import { Router } from 'express';
import { CreateReservation, Uuid } from '@portside/contracts';
import { parseInput } from '@portside/service-kit';
import { z } from 'zod';
import type { Reservations } from '../domain/reservations';
import { requireInternalToken } from './internal-auth';

const ReservationId = z.strictObject({ id: Uuid });

/** Internal: the order service holds, commits and releases stock. Never routed by the edge. */
export function reservationRoutes(reservations: Reservations, internalToken: string): Router {
  const router = Router();
  router.use('/internal', requireInternalToken(internalToken));

  router.post('/internal/reservations', async (req, res) => {
    const reservation = await reservations.reserve(parseInput(CreateReservation, req.body));
    res.status(201).json(reservation);
  });

  router.post('/internal/reservations/:id/commit', async (req, res) => {
    const { id } = parseInput(ReservationId, req.params, 'params');
    res.json(await reservations.commit(id));
  });

  router.post('/internal/reservations/:id/release', async (req, res) => {
    const { id } = parseInput(ReservationId, req.params, 'params');
    res.json(await reservations.release(id));
  });

  return router;
}
