import { MAX_HISTORY_TOKENS, Uuid, type Order, type OrderHistory } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { hashAccessToken } from './access-token';
import { ORDER_HISTORY_LIMIT, type OrderStore } from './orders';

/**
 * Reading orders. An order is visible only with its own access token; to
 * anyone else it does not exist (404, never 401/403, so ids leak nothing).
 */
export class OrderAccess {
  constructor(private readonly orders: OrderStore) {}

  async getOrder(orderId: string, accessToken: string | undefined): Promise<Order> {
    const notFound = () => AppError.notFound('No such order');
    if (!accessToken || !Uuid.safeParse(orderId).success) throw notFound();
    const order = await this.orders.findByIdAndTokenHash(orderId, hashAccessToken(accessToken));
    if (!order) throw notFound();
    return order;
  }

  /**
   * The orders whose access tokens the client presents, newest first. Never
   * by email: emails are not verified, so anyone could type someone else's.
   */
  async history(accessTokens: string[]): Promise<OrderHistory> {
    const tokens = [...new Set(accessTokens)];
    if (tokens.length === 0) {
      throw new AppError(
        'unauthorized',
        'Order access tokens are required: Authorization: Bearer <token> or Order-Tokens: <token>,<token>',
      );
    }
    if (tokens.length > MAX_HISTORY_TOKENS) {
      throw AppError.invalid(`At most ${MAX_HISTORY_TOKENS} order tokens`, [
        { field: 'Order-Tokens', message: `holds more than ${MAX_HISTORY_TOKENS} tokens` },
      ]);
    }
    const items = await this.orders.listByTokenHashes(
      tokens.map(hashAccessToken),
      ORDER_HISTORY_LIMIT,
    );
    return { items };
  }
}
