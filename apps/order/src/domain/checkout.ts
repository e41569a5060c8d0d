import type { Order, OrderLine, ParsedCheckoutRequest, PlacedOrder } from '@portside/contracts';
import { AppError, type Logger } from '@portside/service-kit';
import { newAccessToken } from './access-token';
import { assertCardUsable } from './card-check';
import {
  noTelemetry,
  outcomeOfFailure,
  type CheckoutStep,
  type CheckoutTelemetry,
} from './checkout-telemetry';
import { noFaults, type Faults } from './faults';
import type { CartGateway, CartSnapshot, CatalogGateway, StockReservation } from './gateways';
import { openBody, sealBody } from './idempotency-seal';
import type { OrderStore, SagaState } from './orders';
import {
  brandOf,
  last4Of,
  PaymentTimeoutError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
} from './payment';
import { failureOf } from './saga/failures';
import { shippingFor, type ShippingPolicy } from './shipping';

export interface CheckoutSettings {
  reservationTtlSeconds: number;
  paymentTimeoutMs: number;
  shipping: ShippingPolicy;
}

export interface CheckoutDeps {
  cart: CartGateway;
  catalog: CatalogGateway;
  payments: PaymentProvider;
  orders: OrderStore;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  settings: CheckoutSettings;
  faults?: Faults;
  telemetry?: CheckoutTelemetry;
  now?: () => Date;
}

/** The Idempotency-Key a checkout runs under: the raw key seals, its id addresses rows. */
export interface CheckoutKey {
  key: string;
  keyId: string;
  /** The key was taken over from an earlier run, which may have created the order already. */
  resume: boolean;
}

/** The provider's idempotency key for an order's one charge. */
export const chargeKeyOf = (orderId: string) => `order_${orderId}`;

/**
 * Checkout as a durable saga. Each step is recorded in the order database
 * before the side effect that follows it: the order (with its payment intent,
 * since the charge's key derives from the order id), the charge result, then
 * confirmation once the stock is committed. A run that dies between steps is
 * resumed by a retry with the same Idempotency-Key, or finished by recovery;
 * never repeated.
 *
 * The catalog's reservation and the provider's ledger are the arbiters: a
 * committed hold is never refunded, a released one never confirmed.
 */
export class Checkout {
  private readonly now: () => Date;
  private readonly faults: Faults;
  private readonly telemetry: CheckoutTelemetry;

  constructor(private readonly deps: CheckoutDeps) {
    this.now = deps.now ?? (() => new Date());
    this.faults = deps.faults ?? noFaults();
    this.telemetry = deps.telemetry ?? noTelemetry();
  }

  async placeOrder(request: ParsedCheckoutRequest, key: CheckoutKey): Promise<PlacedOrder> {
    assertCardUsable(request.payment, this.now());
    const end = this.telemetry.begin();
    try {
      const placed = await this.run(request, key);
      this.telemetry.outcome('confirmed');
      return placed;
    } catch (err) {
      this.telemetry.outcome(outcomeOfFailure((err as { code?: string } | null)?.code));
      throw err;
    } finally {
      end();
    }
  }

  private async run(request: ParsedCheckoutRequest, key: CheckoutKey): Promise<PlacedOrder> {
    const { orders, settings } = this.deps;
    if (key.resume) {
      const existing = await orders.findSagaByIdempotencyKey(key.keyId);
      if (existing) return this.resume(existing, request, key);
    }
    const cart = await this.timed('read_cart', () => this.readCart(request.cartId));
    const reservation = await this.timed('reserve', () => this.reserve(cart));
    await this.faults.at('after-reserve');

    const { token, hash } = newAccessToken();
    const priced = await this.timed('price', () => priceLines(reservation, settings.shipping));
    let order: Order | null;
    try {
      order = await orders.create({
        email: request.email,
        accessTokenHash: hash,
        ...priced,
        shippingAddress: request.shippingAddress,
        payment: {
          brand: brandOf(request.payment.cardNumber),
          last4: last4Of(request.payment.cardNumber),
        },
        reservationId: reservation.id,
        idempotencyKey: key.keyId,
        accessTokenSealed: sealBody(key.key, token).sealed,
      });
    } catch (err) {
      await this.releaseQuietly(reservation.id);
      throw err;
    }
    if (!order) {
      // Another run of this key got its order in first: ours is the one to undo.
      await this.releaseQuietly(reservation.id);
      const existing = await orders.findSagaByIdempotencyKey(key.keyId);
      if (!existing) throw AppError.unavailable('The order could not be read back; try again');
      return this.resume(existing, request, key);
    }
    await this.faults.at('after-order-created');

    await this.driveForward(sagaOfNew(order, reservation.id), request.payment);
    await this.clearCartQuietly(request.cartId);
    // Confirming changes only the status: the order as created is the rest of the answer.
    return { ...order, status: 'confirmed', accessToken: token };
  }

  /**
   * Finishes an unfinished order whose client is gone, without its card: an
   * outcome the provider may still hold is settled first (charged, or the key
   * cancelled), then the stock decides: committed → confirmed, else released and refunded.
   */
  async recover(saga: SagaState): Promise<'confirmed' | 'refunded' | 'released' | 'ended'> {
    if (saga.status !== 'pending') return 'ended';
    let paymentId = saga.paymentId;
    if (saga.step === 'created') {
      const resolution = await this.deps.payments.resolve(chargeKeyOf(saga.id));
      if (resolution.charged) {
        paymentId = resolution.paymentId;
        await this.deps.orders.recordCharge(saga.id, paymentId);
      }
    }
    const released = await this.deps.catalog.release(saga.reservationId);
    if (released === 'committed') {
      if (!paymentId) throw new Error(`order ${saga.id} holds committed stock but no charge`);
      await this.deps.orders.markConfirmed(saga.id, paymentId);
      return 'confirmed';
    }
    if (released === 'released') this.telemetry.compensation('release_reservation');
    if (paymentId) {
      await this.deps.payments.refund(paymentId);
      this.telemetry.compensation('refund_payment');
    }
    await this.cancel(saga.id, 'checkout_interrupted');
    return paymentId ? 'refunded' : 'released';
  }

  /** A retry of a run that already created its order: drive it on, then answer as the first run would have. */
  private async resume(
    saga: SagaState,
    request: ParsedCheckoutRequest,
    key: CheckoutKey,
  ): Promise<PlacedOrder> {
    const { orders, logger } = this.deps;
    logger.info({ orderId: saga.id, step: saga.step }, 'resuming checkout');
    let ended = saga;
    if (saga.status === 'pending') {
      await this.driveForward(saga, request.payment);
      ended = (await orders.findSagaByIdempotencyKey(key.keyId)) ?? saga;
    }
    if (ended.status !== 'confirmed') throw failureOf(ended.failureCode ?? 'checkout_interrupted');
    const order = await orders.findById(saga.id);
    if (!order || !saga.accessTokenSealed) {
      throw AppError.unavailable('The order could not be read back; try again');
    }
    await this.clearCartQuietly(request.cartId);
    const accessToken = openBody(key.key, { sealed: saga.accessTokenSealed }) as string;
    return { ...order, accessToken };
  }

  /** From wherever the saga stands to confirmed, or to failed with everything given back. */
  private async driveForward(saga: SagaState, card: ParsedCheckoutRequest['payment']) {
    const { orders, logger } = this.deps;
    let paymentId = saga.paymentId;
    if (saga.step === 'created') {
      paymentId = await this.timed('pay', () => this.pay(saga, card));
      await this.faults.at('after-charge');
      await orders.recordCharge(saga.id, paymentId);
      await this.faults.at('after-charge-recorded');
    }
    if (!paymentId) throw new Error(`order ${saga.id} is past its charge without a payment id`);
    const charged = paymentId;
    await this.timed('confirm', async () => {
      const outcome = await this.deps.catalog.commit(saga.reservationId);
      if (outcome === 'gone') {
        // The hold lapsed before we could commit: the stock may be gone, so give the money back.
        await this.deps.payments.refund(charged);
        this.telemetry.compensation('refund_payment');
        await this.cancel(saga.id, 'reservation_expired');
        throw failureOf('reservation_expired');
      }
      await this.faults.at('after-stock-commit');
      await orders.markConfirmed(saga.id, charged);
    });
    await this.faults.at('after-confirm');
    logger.info({ orderId: saga.id, totalCents: saga.totalCents }, 'order confirmed');
  }

  /**
   * Charges within the payment budget. A timeout or a provider error is an
   * unknown outcome, settled by asking the provider's ledger; a decline (or a
   * charge settled as never made) releases the stock at once and fails the order.
   */
  private async pay(saga: SagaState, card: ParsedCheckoutRequest['payment']): Promise<string> {
    const { payments, settings, logger } = this.deps;
    const request: ChargeRequest = {
      idempotencyKey: chargeKeyOf(saga.id),
      amountCents: saga.totalCents,
      currency: saga.currency,
      ...card,
    };
    let result: ChargeResult;
    try {
      result = await chargeWithin(payments, request, settings.paymentTimeoutMs);
    } catch (err) {
      const code = err instanceof PaymentTimeoutError ? 'payment_timeout' : 'payment_unavailable';
      logger.warn({ err, orderId: saga.id }, 'charge outcome unknown; asking the provider');
      const resolution = await payments.resolve(request.idempotencyKey);
      if (resolution.charged) return resolution.paymentId;
      await this.compensate(saga, code);
      throw failureOf(code, err);
    }
    if (result.ok) return result.paymentId;
    await this.compensate(saga, result.code);
    throw failureOf(result.code);
  }

  /** Nothing was charged: give the stock back now, then end the order. */
  private async compensate(saga: SagaState, failureCode: string) {
    await this.releaseQuietly(saga.reservationId);
    await this.cancel(saga.id, failureCode);
  }

  /** Ends an order that will not confirm: the saga's last compensation. */
  private async cancel(orderId: string, failureCode: string) {
    await this.deps.orders.markFailed(orderId, failureCode);
    this.telemetry.compensation('cancel_order');
  }

  /** Times one saga step: ok if it returns, error if it throws. */
  private async timed<T>(step: CheckoutStep, work: () => Promise<T> | T): Promise<T> {
    const done = this.telemetry.step(step);
    try {
      const result = await work();
      done('ok');
      return result;
    } catch (err) {
      done('error');
      throw err;
    }
  }

  private async readCart(cartId: string): Promise<CartSnapshot> {
    const cart = await this.deps.cart.getCart(cartId);
    if (!cart) {
      throw new AppError('not_found', 'The cart does not exist or has expired', {
        code: 'cart_not_found',
      });
    }
    if (cart.lines.length === 0) throw AppError.conflict('The cart is empty', 'cart_empty');
    return cart;
  }

  private async reserve(cart: CartSnapshot): Promise<StockReservation> {
    // Raw lines straight from the cart: the catalog prices them as it reserves them.
    const outcome = await this.deps.catalog.reserve(
      cart.lines,
      this.deps.settings.reservationTtlSeconds,
    );
    if (outcome.ok) return outcome.reservation;
    // Only a refusal pays for the names (the cart's priced view); a checkout that goes through never does.
    const names = await this.deps.cart.productNames(cart.id).catch(() => new Map<string, string>());
    const products = outcome.productIds.map((productId) => ({
      productId,
      name: names.get(productId.toLowerCase()) ?? productId,
    }));
    const named = products.map((p) => p.name).join(', ') || 'some products';
    if (outcome.reason === 'product_unavailable') {
      throw AppError.conflict(`No longer sold: ${named}`, 'product_unavailable', { products });
    }
    throw AppError.conflict(`Not enough stock for: ${named}`, 'out_of_stock', { products });
  }

  /** A release that fails is not fatal: the reservation expires at catalog anyway. */
  private async releaseQuietly(reservationId: string) {
    try {
      await this.deps.catalog.release(reservationId);
      this.telemetry.compensation('release_reservation');
    } catch (err) {
      this.deps.logger.warn(
        { err, reservationId },
        'could not release reservation; it will expire',
      );
    }
  }

  /** The order stands even if the cart cannot be cleared now. */
  private async clearCartQuietly(cartId: string) {
    try {
      await this.timed('clear_cart', () => this.deps.cart.clearCart(cartId));
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not clear the cart after checkout');
    }
  }
}

function sagaOfNew(order: Order, reservationId: string): SagaState {
  return {
    id: order.id,
    status: 'pending',
    step: 'created',
    totalCents: order.totalCents,
    currency: order.currency,
    reservationId,
    paymentId: null,
    failureCode: null,
    accessTokenSealed: null,
  };
}

/** Bounds the charge even if a provider ignores its abort signal. */
async function chargeWithin(
  payments: PaymentProvider,
  request: ChargeRequest,
  timeoutMs: number,
): Promise<ChargeResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new PaymentTimeoutError());
    }, timeoutMs);
  });
  try {
    return await Promise.race([payments.charge(request, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function priceLines(reservation: StockReservation, shipping: ShippingPolicy) {
  const lines: OrderLine[] = reservation.lines.map((line) => ({
    productId: line.productId,
    name: line.name,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    lineTotalCents: line.unitPriceCents * line.quantity,
  }));
  const subtotalCents = lines.reduce((sum, l) => sum + l.lineTotalCents, 0);
  const shippingCents = shippingFor(subtotalCents, shipping);
  return { lines, subtotalCents, shippingCents, totalCents: subtotalCents + shippingCents };
}
