import type { Order, OrderLine, ParsedCheckoutRequest, PlacedOrder } from '@portside/contracts';
import { AppError, type Logger } from '@portside/service-kit';
import { newAccessToken } from './access-token';
import { assertCardUsable } from './card-check';
import type { CartGateway, CartSnapshot, CatalogGateway, StockReservation } from './gateways';
import type { OrderRepository } from './orders';
import {
  brandOf,
  last4Of,
  PaymentTimeoutError,
  type ChargeRequest,
  type ChargeResult,
  type DeclineCode,
  type PaymentProvider,
} from './payment';
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
  orders: OrderRepository;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  settings: CheckoutSettings;
  now?: () => Date;
}

/**
 * Checkout as a saga: read the cart, reserve stock at catalog prices, take the
 * payment, commit the stock, confirm, clear the cart. Every failure after the
 * reservation releases it and marks the order failed; if this process dies
 * between steps, the reservation expires on its own at catalog.
 */
export class Checkout {
  private readonly now: () => Date;

  constructor(private readonly deps: CheckoutDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async placeOrder(request: ParsedCheckoutRequest): Promise<PlacedOrder> {
    const { orders, settings } = this.deps;
    assertCardUsable(request.payment, this.now());
    const cart = await this.readCart(request.cartId);
    const reservation = await this.reserve(cart);

    const { token, hash } = newAccessToken();
    const priced = priceLines(reservation, settings.shipping);
    let order: Order;
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
      });
    } catch (err) {
      await this.releaseQuietly(reservation.id);
      throw err;
    }

    const paymentId = await this.pay(order, reservation, request.payment);
    await this.commitStock(order, reservation, paymentId);
    await orders.markConfirmed(order.id, paymentId);
    this.deps.logger.info({ orderId: order.id, totalCents: order.totalCents }, 'order confirmed');
    await this.clearCartQuietly(request.cartId);
    // Confirming changes only the status: the order as created is the rest of the answer.
    return { ...order, status: 'confirmed', accessToken: token };
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
    const lines = cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
    const outcome = await this.deps.catalog.reserve(
      lines,
      this.deps.settings.reservationTtlSeconds,
    );
    if (outcome.ok) return outcome.reservation;
    const products = outcome.productIds.map((productId) => ({
      productId,
      name: cart.lines.find((l) => sameId(l.productId, productId))?.name ?? productId,
    }));
    const names = products.map((p) => p.name).join(', ') || 'some products';
    if (outcome.reason === 'product_unavailable') {
      throw AppError.conflict(`No longer sold: ${names}`, 'product_unavailable', { products });
    }
    throw AppError.conflict(`Not enough stock for: ${names}`, 'out_of_stock', { products });
  }

  /** Charges within the payment budget; any failure compensates before it is thrown. */
  private async pay(
    order: Order,
    reservation: StockReservation,
    card: ParsedCheckoutRequest['payment'],
  ): Promise<string> {
    const { payments, settings } = this.deps;
    let result: ChargeResult;
    try {
      result = await chargeWithin(
        payments,
        { amountCents: order.totalCents, currency: order.currency, ...card },
        settings.paymentTimeoutMs,
      );
    } catch (err) {
      const timedOut = err instanceof PaymentTimeoutError;
      await this.compensate(
        order,
        reservation,
        timedOut ? 'payment_timeout' : 'payment_unavailable',
      );
      throw new AppError('unavailable', 'The payment could not be completed; try again', {
        code: timedOut ? 'payment_timeout' : 'payment_unavailable',
        cause: err,
      });
    }
    if (result.ok) return result.paymentId;
    await this.compensate(order, reservation, result.code);
    throw new AppError('payment_required', declineMessage[result.code], { code: result.code });
  }

  private async commitStock(order: Order, reservation: StockReservation, paymentId: string) {
    let outcome;
    try {
      outcome = await this.deps.catalog.commit(reservation.id);
    } catch (err) {
      await this.refundQuietly(paymentId);
      await this.compensate(order, reservation, 'catalog_unavailable');
      throw err;
    }
    if (outcome === 'committed') return;
    // The hold lapsed before we could commit: the stock may be gone, so give the money back.
    await this.refundQuietly(paymentId);
    await this.markFailedQuietly(order.id, 'reservation_expired');
    throw AppError.conflict(
      'The stock hold expired before the order completed',
      'reservation_expired',
    );
  }

  private async compensate(order: Order, reservation: StockReservation, failureCode: string) {
    await this.releaseQuietly(reservation.id);
    await this.markFailedQuietly(order.id, failureCode);
  }

  /** A release that fails is not fatal: the reservation expires at catalog anyway. */
  private async releaseQuietly(reservationId: string) {
    try {
      await this.deps.catalog.release(reservationId);
    } catch (err) {
      this.deps.logger.warn(
        { err, reservationId },
        'could not release reservation; it will expire',
      );
    }
  }

  private async markFailedQuietly(orderId: string, failureCode: string) {
    try {
      await this.deps.orders.markFailed(orderId, failureCode);
    } catch (err) {
      this.deps.logger.error({ err, orderId, failureCode }, 'could not mark order failed');
    }
  }

  private async refundQuietly(paymentId: string) {
    try {
      await this.deps.payments.refund(paymentId);
    } catch (err) {
      this.deps.logger.error({ err, paymentId }, 'refund failed; needs attention');
    }
  }

  /** The order stands even if the cart cannot be cleared now. */
  private async clearCartQuietly(cartId: string) {
    try {
      await this.deps.cart.clearCart(cartId);
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not clear the cart after checkout');
    }
  }
}

const declineMessage: Record<DeclineCode, string> = {
  card_declined: 'The card was declined',
  insufficient_funds: 'The card has insufficient funds',
  processing_error: 'The card could not be processed; try again with a new Idempotency-Key',
  card_not_supported: 'This card is not supported: use one of the test cards',
};

/** Catalog may answer ids lowercased; UUIDs compare without case. */
const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

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
