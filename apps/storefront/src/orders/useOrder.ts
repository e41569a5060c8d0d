import type { Order } from '@portside/contracts';
import { fetchOrder } from '../api/orders';
import { useLoad } from '../hooks/useLoad';

/** The order, from what navigation handed over or else from the API with the link's token. */
export function useOrder(orderId: string, token: string | undefined, handed?: Order) {
  return useLoad<Order>(
    (signal) => {
      if (handed && handed.id === orderId) return Promise.resolve(handed);
      if (!token) return Promise.reject(new MissingTokenError());
      return fetchOrder(orderId, token, signal);
    },
    [orderId, token],
  );
}

export class MissingTokenError extends Error {
  constructor() {
    super('This order link is incomplete: open the full link from your confirmation.');
    this.name = 'MissingTokenError';
  }
}
