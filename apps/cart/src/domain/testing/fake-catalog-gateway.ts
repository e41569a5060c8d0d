import { randomUUID } from 'node:crypto';
import { AppError } from '@portside/service-kit';
import type { CatalogGateway, CatalogProduct } from '../catalog-gateway';

/** An in-memory catalog for domain specs; `down` makes every call fail as the real one would. */
export class FakeCatalogGateway implements CatalogGateway {
  readonly products = new Map<string, CatalogProduct>();
  down = false;
  calls = 0;

  add(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
    const id = overrides.id ?? randomUUID();
    const product: CatalogProduct = {
      id,
      slug: `product-${this.products.size + 1}`,
      name: `Product ${this.products.size + 1}`,
      imageUrl: `/api/images/products/product-${this.products.size + 1}.svg`,
      priceCents: 1000,
      stock: 10,
      ...overrides,
    };
    this.products.set(id, product);
    return product;
  }

  async getProduct(productId: string) {
    this.answerOrFail();
    return this.products.get(productId) ?? null;
  }

  async getProducts(productIds: readonly string[]) {
    this.answerOrFail();
    return productIds.flatMap((id) => this.products.get(id) ?? []);
  }

  private answerOrFail() {
    this.calls += 1;
    if (this.down) throw AppError.unavailable('catalog is unavailable');
  }
}
