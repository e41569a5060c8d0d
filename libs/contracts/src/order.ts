import { z } from 'zod';
import { CartId } from './cart';
import { Cents, Currency, IsoDateTime, Uuid } from './common';

export const Address = z.strictObject({
  name: z.string().trim().min(1).max(120),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  /** ISO 3166-1 alpha-2. */
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
    .transform((s) => s.toUpperCase()),
});
export type Address = z.infer<typeof Address>;

export const CardPayment = z.strictObject({
  /** Digits, spaces allowed. Only test cards exist: the payment simulator takes them. */
  cardNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, 'must be 12 to 19 digits')),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
});
export type CardPayment = z.input<typeof CardPayment>;

export const CheckoutRequest = z.strictObject({
  cartId: CartId,
  email: z.email().max(254),
  shippingAddress: Address,
  payment: CardPayment,
});
export type CheckoutRequest = z.input<typeof CheckoutRequest>;
export type ParsedCheckoutRequest = z.output<typeof CheckoutRequest>;

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * Order history: the access tokens the shopper holds, comma-separated (or one
 * in `Authorization: Bearer`). History shows exactly the orders of these tokens.
 */
export const ORDER_TOKENS_HEADER = 'order-tokens';
export const MAX_HISTORY_TOKENS = 50;
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const OrderStatus = z.enum(['pending', 'confirmed', 'failed', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderLine = z.strictObject({
  productId: Uuid,
  name: z.string(),
  quantity: z.number().int().min(1),
  unitPriceCents: Cents,
  lineTotalCents: Cents,
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.strictObject({
  id: Uuid,
  status: OrderStatus,
  email: z.string(),
  lines: z.array(OrderLine),
  subtotalCents: Cents,
  shippingCents: Cents,
  totalCents: Cents,
  currency: Currency,
  shippingAddress: Address,
  payment: z.strictObject({ brand: z.string(), last4: z.string().length(4) }),
  createdAt: IsoDateTime,
});
export type Order = z.infer<typeof Order>;

/** The answer to a successful checkout: the order plus the token that reads it. */
export const PlacedOrder = Order.extend({ accessToken: z.string().min(32) });
export type PlacedOrder = z.infer<typeof PlacedOrder>;

export const OrderHistory = z.strictObject({ items: z.array(Order) });
export type OrderHistory = z.infer<typeof OrderHistory>;
