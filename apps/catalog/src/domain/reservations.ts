import type { CreateReservation, Reservation } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type { ReservationStore, SettleOutcome } from './ports';
import type { ReservationLineInput } from './types';

/** Stock holds for checkouts: all lines or none, then commit or release. */
export class Reservations {
  constructor(
    private readonly store: ReservationStore,
    /** Told after every committed stock change, so cached reads show it. */
    private readonly stockChanged: () => Promise<void>,
  ) {}

  async reserve(request: CreateReservation): Promise<Reservation> {
    const outcome = await this.store.reserve(mergeLines(request.lines), request.ttlSeconds);
    switch (outcome.kind) {
      case 'reserved':
        await this.stockChanged();
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
    const outcome = await this.store.commit(id);
    // A hold found overdue has just been expired and its stock given back.
    if (outcome.kind === 'conflict' && outcome.reservation.status === 'expired') {
      await this.stockChanged();
    }
    return settled(outcome, id, 'it is no longer pending (released or expired)');
  }

  async release(id: string): Promise<Reservation> {
    const outcome = await this.store.release(id);
    if (outcome.kind === 'done') await this.stockChanged();
    return settled(outcome, id, 'it is already committed');
  }

  async sweepExpired(): Promise<number> {
    const count = await this.store.sweepExpired();
    if (count > 0) await this.stockChanged();
    return count;
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
