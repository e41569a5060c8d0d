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
import type { CacheScope } from '../data/cache-keys';
import type { JsonBody, ReadCache } from '../data/read-cache';
import { buildCategoryTree, categoryAndDescendants, rootSlugOf } from './category-tree';
import { decodeCursor, encodeCursor } from './cursor';
import { productSvg } from './product-image';
import type { ListOrder, ProductSearch } from './types';

export const imageUrlOf = (slug: string) => `/api/images/products/${slug}.svg`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The catalog's read and admin use cases. Reads go through the cache, which
 * every write invalidates; stock has its own, cheaper invalidation (see ReadCache).
 */
export class Catalog {
  constructor(
    private readonly store: ProductStore,
    private readonly cache: ReadCache,
  ) {}

  /** The page as JSON bytes: cache hits go to the wire without being parsed. */
  async listProducts(query: ProductSearchQuery): Promise<JsonBody<ProductPage>> {
    const order: ListOrder = query.sort ?? (query.q ? 'relevance' : 'newest');
    const search: ProductSearch = {
      text: query.q,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      ids: query.ids,
      order,
      // With ids the caller wants all of them, whatever the default page size.
      limit: Math.max(query.limit, query.ids?.length ?? 0),
      after: query.cursor ? decodeCursor(query.cursor, order, Boolean(query.q)) : undefined,
    };
    if (query.category) {
      search.categoryIds = categoryAndDescendants(await this.categoryNodes(), query.category);
      if (!search.categoryIds) {
        throw AppError.invalid(`Invalid query: category ${query.category} does not exist`, [
          { field: 'category', message: 'is not a known category' },
        ]);
      }
    }
    const page = await this.cache.rememberProducts(
      'products',
      search,
      async () =>
        pageOf(
          await this.store.search({ ...search, limit: search.limit + 1 }),
          search.limit,
          order,
        ),
      (page) => page.items,
      (ids) => this.store.stockOf(ids),
    );
    // A search always has a page, even an empty one.
    return page as JsonBody<ProductPage>;
  }

  /** The product as JSON bytes, or a 404. */
  async getProduct(idOrSlug: string): Promise<JsonBody<Product>> {
    const product = await this.cache.rememberProducts(
      'product',
      idOrSlug,
      () =>
        UUID.test(idOrSlug)
          ? this.store.findById(idOrSlug.toLowerCase())
          : this.store.findBySlug(idOrSlug),
      (found) => [found],
      (ids) => this.store.stockOf(ids),
    );
    if (!product) throw AppError.notFound(`No product ${idOrSlug}`);
    return product;
  }

  async categoryTree(): Promise<CategoryTree> {
    return { items: await this.categoryNodes() };
  }

  async productImage(slug: string): Promise<string> {
    const product = await this.cache.remember('product-by-slug', slug, () =>
      this.store.findBySlug(slug),
    );
    if (!product) throw AppError.notFound(`No product ${slug}`);
    const root = rootSlugOf(await this.categoryNodes(), product.category.slug);
    const categorySlugs = root ? [product.category.slug, root] : [product.category.slug];
    return productSvg({ slug: product.slug, name: product.name, categorySlugs });
  }

  async createProduct(input: CreateProduct): Promise<Product> {
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
    const product = await this.writing(() => this.store.setStock(id, stock), 'stock');
    if (!product) throw AppError.notFound(`No product ${id}`);
    return product;
  }

  private categoryNodes(): Promise<CategoryNode[]> {
    return this.cache.remember('categories', null, async () =>
      buildCategoryTree(await this.store.categories()),
    );
  }

  /** Runs an admin write, maps the database's refusals, and invalidates what it changed. */
  private async writing<T>(write: () => Promise<T>, scope: CacheScope = 'content'): Promise<T> {
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
      await this.cache.invalidate(scope);
    }
  }
}

function pageOf(found: FoundProduct[], limit: number, order: ListOrder): ProductPage {
  const items = found.slice(0, limit);
  const last = found.length > limit ? items[items.length - 1] : undefined;
  return {
    items: items.map((f) => f.product),
    nextCursor: last ? encodeCursor(order, last.position) : null,
  };
}
