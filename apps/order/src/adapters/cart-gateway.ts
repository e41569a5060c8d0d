import { Cart, CartLines } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type { CartGateway, CartSnapshot } from '../domain/gateways';
import type { HttpClient } from '@portside/http-client';

/** The cart service's public API over HTTP: its raw lines (unpriced) and clearing. */
export class HttpCartGateway implements CartGateway {
  constructor(private readonly http: HttpClient) {}

  async getCart(cartId: string): Promise<CartSnapshot | null> {
    const res = await this.call({
      method: 'GET',
      path: `/api/carts/${encodeURIComponent(cartId)}/lines`,
      retry: true,
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw unavailable(`cart answered ${res.status}`);
    const parsed = CartLines.safeParse(res.body);
    if (!parsed.success) throw unavailable('cart answered with an unexpected body');
    return parsed.data;
  }

  async productNames(cartId: string): Promise<Map<string, string>> {
    const res = await this.call({
      method: 'GET',
      path: `/api/carts/${encodeURIComponent(cartId)}`,
      retry: true,
    });
    const parsed = Cart.safeParse(res.body);
    if (res.status !== 200 || !parsed.success) return new Map();
    return new Map(parsed.data.lines.map((l) => [l.productId.toLowerCase(), l.name]));
  }

  async clearCart(cartId: string): Promise<void> {
    const res = await this.call({
      method: 'DELETE',
      path: `/api/carts/${encodeURIComponent(cartId)}`,
      retry: true,
    });
    if (res.status >= 400 && res.status !== 404) throw unavailable(`cart answered ${res.status}`);
  }

  private async call(req: Parameters<HttpClient['request']>[0]) {
    try {
      return await this.http.request(req);
    } catch (err) {
      throw unavailable('The cart service is unavailable; try again shortly', err);
    }
  }
}

const unavailable = (message: string, cause?: unknown) =>
  new AppError('unavailable', message, { code: 'cart_unavailable', cause });
