import { Uuid, type Order, type OrderHistory } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { hashAccessToken } from './access-token';
import { ORDER_HISTORY_LIMIT, type OrderRepository } from './orders';

/**
 * Reading orders. An order is visible only with its own access token; to
 * anyone else it does not exist (404, never 401/403, so ids leak nothing).
 */
export class OrderAccess {
  constructor(private readonly orders: OrderRepository) {}

  async getOrder(orderId: string, accessToken: string | undefined): Promise<Order> {
    const notFound = () => AppError.notFound('No such order');
    if (!accessToken || !Uuid.safeParse(orderId).success) throw notFound();
    const order = await this.orders.findByIdAndTokenHash(orderId, hashAccessToken(accessToken));
    if (!order) throw notFound();
    return order;
  }

  /** The orders placed with the same email as the order the token belongs to, newest first. */
  async history(accessToken: string | undefined): Promise<OrderHistory> {
    const unauthorized = () =>
      new AppError(
        'unauthorized',
        'An order access token is required: Authorization: Bearer <token>',
      );
    if (!accessToken) throw unauthorized();
    const email = await this.orders.findEmailByTokenHash(hashAccessToken(accessToken));
    if (!email) throw unauthorized();
    return { items: await this.orders.listByEmail(email, ORDER_HISTORY_LIMIT) };
  }
}
