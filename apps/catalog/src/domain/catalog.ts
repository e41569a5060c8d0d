import type {
  CategoryNode,
  CategoryTree,
  CreateProduct,
  Product,
  ProductPage,
  ProductSearchQuery,
  UpdateProduct,
} from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type { FoundProduct } from '../data/product-store';
import { CategoryMissing, ProductSlugTaken, type ProductStore } from '../data/product-store';
import type { ReadCache } from '../data/read-cache';
import { buildCategoryTree, categoryAndDescendants, rootSlugOf } from './category-tree';
import { decodeCursor, encodeCursor } from './cursor';
import { productSvg } from './product-image';
import type { ListOrder, ProductSearch } from './types';

export const imageUrlOf = (slug: string) => `/api/images/products/${slug}.svg`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CachedPage {
  items: Product[];
  nextCursor: string | null;
}

/**
 * The catalog's read and admin use cases. Reads go through the cache; stock
 * is always read fresh and laid over cached products, because reservations
 * change it on every checkout and must never be hidden by a cache.
 */
export class Catalog {
  constructor(
    private readonly store: ProductStore,
    private readonly cache: ReadCache,
  ) {}

  async listProducts(query: ProductSearchQuery): Promise<ProductPage> {
    const order: ListOrder = query.sort ?? (query.q ? 'relevance' : 'newest');
    const search: ProductSearch = {
      text: query.q,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      ids: query.ids,
      order,
      // With ids the caller wants all of them, whatever the default page size.
      limit: Math.max(query.limit, query.ids?.length ?? 0),
      after: query.cursor ? decodeCursor(query.cursor, order) : undefined,
    };
    if (query.category) {
      search.categoryIds = categoryAndDescendants(await this.categoryNodes(), query.category);
      if (!search.categoryIds) {
        throw AppError.invalid(`Invalid query: category ${query.category} does not exist`, [
          { field: 'category', message: 'is not a known category' },
        ]);
      }
    }
    const page = await this.cache.remember('products', search, async () => {
      const found = await this.store.search({ ...search, limit: search.limit + 1 });
      return pageOf(found, search.limit, order);
    });
    return { items: await this.withFreshStock(page.items), nextCursor: page.nextCursor };
  }

  async getProduct(idOrSlug: string): Promise<Product> {
    const product = await this.cache.remember('product', idOrSlug, () =>
      UUID.test(idOrSlug)
        ? this.store.findById(idOrSlug.toLowerCase())
        : this.store.findBySlug(idOrSlug),
    );
    if (!product) throw AppError.notFound(`No product ${idOrSlug}`);
    const [fresh] = await this.withFreshStock([product]);
    return fresh as Product;
  }

  async categoryTree(): Promise<CategoryTree> {
    return { items: await this.categoryNodes() };
  }

  async productImage(slug: string): Promise<string> {
    const product = await this.cache.remember('product', slug, () => this.store.findBySlug(slug));
    if (!product) throw AppError.notFound(`No product ${slug}`);
    const root = rootSlugOf(await this.categoryNodes(), product.category.slug);
    const categorySlugs = root ? [product.category.slug, root] : [product.category.slug];
    return productSvg({ slug: product.slug, name: product.name, categorySlugs });
  }

  async createProduct(
    input: Omit<CreateProduct, 'imageUrl'> & { imageUrl?: string },
  ): Promise<Product> {
    const product = await this.writing(() =>
      this.store.create({ ...input, imageUrl: input.imageUrl ?? imageUrlOf(input.slug) }),
    );
    return product;
  }

  async updateProduct(id: string, changes: UpdateProduct): Promise<Product> {
    const product = await this.writing(() => this.store.update(id, changes));
    if (!product) throw AppError.notFound(`No product ${id}`);
    return product;
  }

  async setStock(id: string, stock: number): Promise<Product> {
    const product = await this.writing(() => this.store.setStock(id, stock));
    if (!product) throw AppError.notFound(`No product ${id}`);
    return product;
  }

  private categoryNodes(): Promise<CategoryNode[]> {
    return this.cache.remember('categories', null, async () =>
      buildCategoryTree(await this.store.categories()),
    );
  }

  private async withFreshStock(products: Product[]): Promise<Product[]> {
    const stock = await this.store.stockOf(products.map((p) => p.id));
    return products.map((p) => ({ ...p, stock: stock.get(p.id) ?? p.stock }));
  }

  /** Runs an admin write, maps the database's refusals, and invalidates the read cache. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof ProductSlugTaken) {
        throw AppError.conflict('Another product already has this slug', 'slug_taken');
      }
      if (err instanceof CategoryMissing) {
        throw AppError.invalid('Invalid body: categoryId does not exist', [
          { field: 'categoryId', message: 'is not a known category' },
        ]);
      }
      throw err;
    } finally {
      await this.cache.invalidate();
    }
  }
}

function pageOf(found: FoundProduct[], limit: number, order: ListOrder): CachedPage {
  const items = found.slice(0, limit);
  const last = found.length > limit ? items[items.length - 1] : undefined;
  return {
    items: items.map((f) => f.product),
    nextCursor: last ? encodeCursor(order, last.position) : null,
  };
}
