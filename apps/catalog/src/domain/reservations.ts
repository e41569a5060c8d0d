import type { CreateReservation, Reservation } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type { ReservationStore, SettleOutcome } from '../data/reservation-store';
import type { ReservationLineInput } from './types';

/** Stock holds for checkouts: all lines or none, then commit or release. */
export class Reservations {
  constructor(private readonly store: ReservationStore) {}

  async reserve(request: CreateReservation): Promise<Reservation> {
    const outcome = await this.store.reserve(mergeLines(request.lines), request.ttlSeconds);
    switch (outcome.kind) {
      case 'reserved':
        return outcome.reservation;
      case 'unknown_products':
        throw new AppError('not_found', `No product ${outcome.productIds.join(', ')}`, {
          code: 'unknown_product',
          extensions: { productIds: outcome.productIds },
        });
      case 'out_of_stock':
        throw AppError.conflict(
          `Not enough stock for ${outcome.productIds.join(', ')}`,
          'out_of_stock',
          { productIds: outcome.productIds },
        );
    }
  }

  async commit(id: string): Promise<Reservation> {
    return settled(
      await this.store.commit(id),
      id,
      'it is no longer pending (released or expired)',
    );
  }

  async release(id: string): Promise<Reservation> {
    return settled(await this.store.release(id), id, 'it is already committed');
  }

  sweepExpired(): Promise<number> {
    return this.store.sweepExpired();
  }
}

/** The same product on two lines is one hold of the summed quantity. */
export function mergeLines(lines: ReservationLineInput[]): ReservationLineInput[] {
  const merged = new Map<string, number>();
  for (const line of lines) {
    const id = line.productId.toLowerCase();
    merged.set(id, (merged.get(id) ?? 0) + line.quantity);
  }
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

function settled(outcome: SettleOutcome, id: string, why: string): Reservation {
  if (outcome.kind === 'not_found') throw AppError.notFound(`No reservation ${id}`);
  if (outcome.kind === 'conflict') {
    throw AppError.conflict(`Reservation ${id} cannot change: ${why}`, 'reservation_closed', {
      reservationStatus: outcome.reservation.status,
    });
  }
  return outcome.reservation;
}
