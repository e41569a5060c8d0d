import type {
  CategoryNode,
  CategoryTree,
  CreateProduct,
  Product,
  ProductFacets,
  ProductPage,
  ProductSearchQuery,
  UpdateProduct,
} from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import {
  CategoryMissing,
  ProductSlugTaken,
  type CacheScope,
  type FoundProduct,
  type JsonBody,
  type ProductStore,
  type ReadCache,
} from './ports';
import { buildCategoryTree, categoryAndDescendants, rootSlugOf } from './category-tree';
import { decodeCursor, encodeCursor } from './cursor';
import { productSvg } from './product-image';
import { facetsOf } from './facets';
import { STOP_WORDS } from './stop-words';
import { didYouMeanOf, maxEditsFor, relevanceKeyOf, searchWords } from './search-text';
import type { Corrections, FacetGroup, ListOrder, ProductSearch, TextSearch } from './types';

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

  /**
   * The page as JSON bytes: cache hits go to the wire without being parsed.
   * Searches carry their facets; lookups by ids (carts, orders) do not.
   */
  async listProducts(query: ProductSearchQuery): Promise<JsonBody<ProductPage>> {
    const text = textSearchOf(query.q);
    const order: ListOrder = query.sort ?? (text ? 'relevance' : 'newest');
    const search: ProductSearch = {
      text,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      inStock: query.inStock || undefined,
      ids: query.ids,
      order,
      // With ids the caller wants all of them, whatever the default page size.
      limit: Math.max(query.limit, query.ids?.length ?? 0),
      after: query.cursor ? decodeCursor(query.cursor, order, relevanceKeyOf(text)) : undefined,
    };
    if (query.category) {
      search.categoryIds = categoryAndDescendants(await this.categoryNodes(), query.category);
      if (!search.categoryIds) {
        throw AppError.invalid(`Invalid query: category ${query.category} does not exist`, [
          { field: 'category', message: 'is not a known category' },
        ]);
      }
    }
    // Both the page and the facets may need the corrections when they miss the cache: ask once.
    let corrections: Promise<Corrections> | undefined;
    const correctionsOnce = () => (corrections ??= this.correctionsOf(search.text));
    // A ranked page reads every match anyway: its statement counts the facets too.
    const ranked = order === 'relevance' && relevanceKeyOf(search.text) === 'rank' && !search.ids;
    let groupsOfPage: FacetGroup[] | undefined;
    const pageBody = this.cache.rememberProducts(
      'products',
      search,
      async () => {
        const limited = { ...search, limit: search.limit + 1 };
        const { value, corrections } = await correctedIfEmpty(
          search.text,
          correctionsOnce,
          async (corrections) =>
            ranked && limited.text
              ? this.store.rankedSearchWithFacets({ ...limited, text: limited.text }, corrections)
              : { found: await this.store.search(limited, corrections), groups: undefined },
          ({ found }) => found.length === 0,
        );
        groupsOfPage = value.groups;
        const didYouMean = search.text ? didYouMeanOf(search.text.words, corrections) : null;
        return { ...pageOf(value.found, search.limit, order), didYouMean };
      },
      (page) => page.items,
      (ids) => this.store.stockOf(ids),
      { stockDecidesMembership: search.inStock === true },
    );
    // Facets missing from the cache take the ranked page's counts when it was loaded too.
    const fromPage = async () => {
      if (!ranked) return undefined;
      await pageBody.catch(() => undefined);
      return groupsOfPage;
    };
    const [page, facets] = await Promise.all([
      pageBody,
      search.ids ? undefined : this.facets(search, correctionsOnce, fromPage),
    ]);
    // A search always has a page, even an empty one.
    return (facets ? withFacets(page as Buffer, facets) : page) as JsonBody<ProductPage>;
  }

  /** Known terms close to the words of the query that match none; empty without a query. */
  private correctionsOf(text: TextSearch | undefined): Promise<Corrections> {
    if (!text) return Promise.resolve(new Map());
    return this.store.corrections(text.words.map((word) => ({ word, edits: maxEditsFor(word) })));
  }

  /** Facets change with stock (the in-stock count), so they are cached per stock version too. */
  private facets(
    search: ProductSearch,
    correctionsOf: () => Promise<Corrections>,
    fromPage: () => Promise<FacetGroup[] | undefined>,
  ): Promise<ProductFacets> {
    const { text, categoryIds, minPrice, maxPrice, inStock } = search;
    // Not the order: facets are the same whatever the sort, so every sort shares one count.
    const filters = { text, categoryIds, minPrice, maxPrice, inStock };
    return this.cache.remember(
      'facets',
      filters,
      async () => {
        const [groups, tree] = await Promise.all([
          fromPage().then(
            async (counted) =>
              counted ??
              (
                await correctedIfEmpty(
                  text,
                  correctionsOf,
                  (corrections) =>
                    this.store.facetGroups(
                      { ...filters, order: search.order, limit: 0 },
                      corrections,
                    ),
                  (groups) => groups.length === 0,
                )
              ).value,
          ),
          this.categoryNodes(),
        ]);
        return facetsOf(groups, tree, categoryIds);
      },
      { dependsOnStock: true },
    );
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

  /** The category tree (cached until an admin write). */
  categoryNodes(): Promise<CategoryNode[]> {
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

/**
 * Runs a search as typed first, and with corrections only when it finds
 * nothing: a word that begins no known term and shares no stem with one (the
 * only kind corrected) matches nothing, so a query that finds something has
 * no typo to correct, and most searches skip the corrections' statement.
 */
async function correctedIfEmpty<T>(
  text: TextSearch | undefined,
  correctionsOf: () => Promise<Corrections>,
  run: (corrections: Corrections) => Promise<T>,
  isEmpty: (value: T) => boolean,
): Promise<{ value: T; corrections: Corrections }> {
  const asTyped = await run(new Map());
  if (!isEmpty(asTyped) || !text?.words.some((word) => maxEditsFor(word) > 0)) {
    return { value: asTyped, corrections: new Map() };
  }
  const corrections = await correctionsOf();
  return { value: corrections.size > 0 ? await run(corrections) : asTyped, corrections };
}

/**
 * The words of a query that carry meaning. Stop words go (as full text search
 * drops them), unless the query is one letter: a shopper starting to type gets
 * the names with a word beginning with it. Nothing left (only stop words or
 * punctuation): no text filter, the whole catalogue answers.
 */
function textSearchOf(q: string | undefined): TextSearch | undefined {
  const all = q ? searchWords(q) : [];
  const words = all.filter((word) => !STOP_WORDS.has(word));
  if (q && words.length > 0) return { text: q, words };
  if (q && all.length === 1 && all[0]?.length === 1) return { text: q, words: all };
  return undefined;
}

/** The page's JSON object with `facets` added, without parsing the page again. */
function withFacets(page: Buffer, facets: ProductFacets): Buffer {
  return Buffer.concat([
    page.subarray(0, page.lastIndexOf('}')),
    Buffer.from(`,"facets":${JSON.stringify(facets)}}`),
  ]);
}

function pageOf(found: FoundProduct[], limit: number, order: ListOrder): ProductPage {
  const items = found.slice(0, limit);
  const last = found.length > limit ? items[items.length - 1] : undefined;
  return {
    items: items.map((f) => f.product),
    nextCursor: last ? encodeCursor(order, last.position) : null,
  };
}
