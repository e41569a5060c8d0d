import { MAX_CART_LINES, type Cart, type CartLines, type CreatedCart } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type { CartStore } from './cart-store';
import type { CatalogGateway } from './catalog-gateway';
import { CART_CURRENCY, priceCart } from './cart-pricing';
import { newCartToken } from './cart-token';

export interface CartServiceDeps {
  store: CartStore;
  catalog: CatalogGateway;
  maxLines?: number;
  newToken?: () => string;
}

/** The cart's use cases: plain TypeScript, no HTTP or Redis in sight. */
export class CartService {
  private readonly store: CartStore;
  private readonly catalog: CatalogGateway;
  private readonly maxLines: number;
  private readonly newToken: () => string;

  constructor(deps: CartServiceDeps) {
    this.store = deps.store;
    this.catalog = deps.catalog;
    this.maxLines = deps.maxLines ?? MAX_CART_LINES;
    this.newToken = deps.newToken ?? newCartToken;
  }

  async create(): Promise<CreatedCart> {
    const cart = await this.store.create(this.newToken());
    return { id: cart.id };
  }

  /** The cart with live prices and stock; refreshes its expiry. */
  async get(cartId: string): Promise<Cart> {
    const stored = await this.store.read(cartId);
    if (!stored) throw cartNotFound();
    const productIds = [...stored.quantities.keys()];
    const products = productIds.length > 0 ? await this.catalog.getProducts(productIds) : [];
    const { missingProductIds, ...priced } = priceCart(stored.quantities, products);
    // The catalog no longer has these products: drop them so they stop counting against the line limit.
    if (missingProductIds.length > 0) await this.store.removeLines(cartId, missingProductIds);
    return {
      id: stored.id,
      ...priced,
      currency: CART_CURRENCY,
      expiresAt: stored.expiresAt.toISOString(),
    };
  }

  /** The cart's lines as stored, unpriced: one Redis read, no catalog call. */
  async lines(cartId: string): Promise<CartLines> {
    const stored = await this.store.read(cartId);
    if (!stored) throw cartNotFound();
    return {
      id: stored.id,
      lines: [...stored.quantities].map(([productId, quantity]) => ({ productId, quantity })),
    };
  }

  /** Sets a line's quantity; 0 removes the line. */
  async setQuantity(cartId: string, productId: string, quantity: number): Promise<void> {
    // Checked first so an unknown cart costs no catalog call; the write below re-checks atomically.
    if (!(await this.store.exists(cartId))) throw cartNotFound();
    if (quantity > 0) await this.ensureInStock(productId, quantity);
    const outcome = await this.store.setQuantity(cartId, productId, quantity, this.maxLines);
    if (outcome === 'cart_not_found') throw cartNotFound();
    if (outcome === 'cart_full') throw cartFull(this.maxLines);
  }

  async removeLine(cartId: string, productId: string): Promise<void> {
    if (!(await this.store.removeLines(cartId, [productId]))) throw cartNotFound();
  }

  /** Idempotent: clearing a cart that is already gone succeeds, so callers may retry. */
  async clear(cartId: string): Promise<void> {
    await this.store.delete(cartId);
  }

  private async ensureInStock(productId: string, quantity: number): Promise<void> {
    const product = await this.catalog.getProduct(productId);
    if (!product) throw AppError.notFound(`No product ${productId}`);
    if (quantity > product.stock) {
      throw AppError.conflict(
        `Only ${product.stock} of this product in stock`,
        'insufficient_stock',
        { productId, available: product.stock },
      );
    }
  }
}

const cartNotFound = () => AppError.notFound('No such cart (it may have expired)');

const cartFull = (maxLines: number) =>
  AppError.conflict(`A cart holds at most ${maxLines} different products`, 'cart_full', {
    maxLines,
  });
