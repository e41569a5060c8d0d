import { Reservation } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type {
  CatalogGateway,
  CommitOutcome,
  ReleaseOutcome,
  ReserveOutcome,
} from '../domain/gateways';
import type { HttpClient } from '@portside/http-client';

/** Catalog's internal reservation API over HTTP, authenticated with the shared internal token. */
export class HttpCatalogGateway implements CatalogGateway {
  constructor(
    private readonly http: HttpClient,
    private readonly internalToken: string,
  ) {}

  async reserve(
    lines: Array<{ productId: string; quantity: number }>,
    ttlSeconds: number,
  ): Promise<ReserveOutcome> {
    // Not retried: a lost answer could hold stock twice. A hold we never hear of expires on its own.
    const res = await this.call({
      method: 'POST',
      path: '/internal/reservations',
      body: { lines, ttlSeconds },
      retry: false,
    });
    if (res.status === 201 || res.status === 200) {
      const parsed = Reservation.safeParse(res.body);
      if (!parsed.success) {
        throw new AppError('unavailable', 'catalog answered with an unexpected body', {
          code: 'catalog_unavailable',
        });
      }
      const reservation = parsed.data;
      return { ok: true, reservation: { id: reservation.id, lines: reservation.lines } };
    }
    const problem = (res.body ?? {}) as Record<string, unknown>;
    if (res.status === 409 && problem.code === 'out_of_stock') {
      return { ok: false, reason: 'out_of_stock', productIds: productIdsOf(problem) };
    }
    if (res.status === 404 && problem.code === 'unknown_product') {
      return { ok: false, reason: 'product_unavailable', productIds: productIdsOf(problem) };
    }
    // Any other refusal means our request was wrong: a bug here, not the customer's problem.
    throw new AppError('internal', `catalog refused the reservation with ${res.status}`, {
      cause: problem,
    });
  }

  async commit(reservationId: string): Promise<CommitOutcome> {
    const res = await this.call({
      method: 'POST',
      path: `/internal/reservations/${encodeURIComponent(reservationId)}/commit`,
      retry: true,
    });
    if (res.status >= 200 && res.status < 300) return 'committed';
    if (res.status === 404 || res.status === 409 || res.status === 410) return 'gone';
    throw AppError.unavailable(`catalog refused the commit with ${res.status}`);
  }

  async release(reservationId: string): Promise<ReleaseOutcome> {
    const res = await this.call({
      method: 'POST',
      path: `/internal/reservations/${encodeURIComponent(reservationId)}/release`,
      retry: true,
    });
    if (res.status >= 200 && res.status < 300) return 'released';
    // 404: never held or long gone, nothing to give back. 409: closed; only a commit keeps the stock.
    if (res.status === 404) return 'released';
    if (res.status === 409) {
      const status = (res.body as { reservationStatus?: unknown } | null)?.reservationStatus;
      return status === 'committed' ? 'committed' : 'released';
    }
    throw AppError.unavailable(`catalog refused the release with ${res.status}`);
  }

  private async call(req: Parameters<HttpClient['request']>[0]) {
    try {
      return await this.http.request({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${this.internalToken}` },
      });
    } catch (err) {
      throw new AppError('unavailable', 'The catalog is unavailable; try again shortly', {
        code: 'catalog_unavailable',
        cause: err,
      });
    }
  }
}

/** Catalog names the products that ran out; accept the shapes a problem body may use. */
function productIdsOf(problem: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') ids.add(v);
    else if (
      v &&
      typeof v === 'object' &&
      typeof (v as { productId?: unknown }).productId === 'string'
    ) {
      ids.add((v as { productId: string }).productId);
    }
  };
  for (const field of ['productIds', 'products', 'lines']) {
    const value = problem[field];
    if (Array.isArray(value)) value.forEach(add);
  }
  add(problem.productId);
  return [...ids];
}
