/** What the cart needs to know about a product, as the catalog says now. */
export interface CatalogProduct {
  id: string;
  slug: string;
  name: string;
  imageUrl: string;
  priceCents: number;
  stock: number;
}

/**
 * The catalog as the cart sees it. Implementations throw
 * AppError('unavailable') when the catalog cannot answer.
 */
export interface CatalogGateway {
  /** One product, or null when the catalog does not know it. */
  getProduct(productId: string): Promise<CatalogProduct | null>;
  /** The products the catalog knows among these ids; unknown ids are left out. */
  getProducts(productIds: readonly string[]): Promise<CatalogProduct[]>;
}
