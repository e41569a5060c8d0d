import type { Product, Reservation } from '@portside/contracts';
import type {
  CategoryRow,
  Corrections,
  FacetGroup,
  NewProduct,
  Position,
  ProductChanges,
  ProductSearch,
  ReservationLineInput,
  TextSearch,
} from './types';

/** What the catalog's use cases need from outside: adapters/connect.ts implements each. */
export interface CatalogPorts {
  products: ProductStore;
  reservations: ReservationStore;
  cache: ReadCache;
}

export interface FoundProduct {
  product: Product;
  /** Where a page that ends with this product continues from. */
  position: Position;
}

/** A product store refuses a write whose slug another product has... */
export class ProductSlugTaken extends Error {}
/** ...or whose category does not exist. */
export class CategoryMissing extends Error {}

/** Products and categories, as plain objects. Writes throw ProductSlugTaken or CategoryMissing. */
export interface ProductStore {
  search(search: ProductSearch, corrections?: Corrections): Promise<FoundProduct[]>;
  /** A page ranked by relevance, and the facet groups of its search (category filter aside). */
  rankedSearchWithFacets(
    search: ProductSearch & { text: TextSearch },
    corrections: Corrections,
  ): Promise<{ found: FoundProduct[]; groups: FacetGroup[] }>;
  /** The search's products counted by category, price band and stock (category filter aside). */
  facetGroups(search: ProductSearch, corrections: Corrections): Promise<FacetGroup[]>;
  /** Names and slugs of products a word of whose name begins with each word. */
  suggestProducts(words: string[], limit: number): Promise<Array<{ name: string; slug: string }>>;
  /** Known terms close to each word (with its edit budget) that begins no known term. */
  corrections(words: Array<{ word: string; edits: number }>): Promise<Corrections>;
  findById(id: string): Promise<Product | null>;
  findBySlug(slug: string): Promise<Product | null>;
  /** Current stock of each product, never cached. */
  stockOf(ids: string[]): Promise<Map<string, number>>;
  categories(): Promise<CategoryRow[]>;
  create(input: NewProduct): Promise<Product>;
  update(id: string, changes: ProductChanges): Promise<Product | null>;
  setStock(id: string, stock: number): Promise<Product | null>;
}

export type ReserveOutcome =
  | { kind: 'reserved'; reservation: Reservation }
  | { kind: 'unknown_products'; productIds: string[] }
  | { kind: 'out_of_stock'; productIds: string[] };

export type SettleOutcome =
  | { kind: 'done'; reservation: Reservation }
  | { kind: 'not_found' }
  | { kind: 'conflict'; reservation: Reservation };

/** Stock holds: all lines or none, never below zero stock. */
export interface ReservationStore {
  reserve(lines: ReservationLineInput[], ttlSeconds: number): Promise<ReserveOutcome>;
  commit(id: string): Promise<SettleOutcome>;
  release(id: string): Promise<SettleOutcome>;
  /** Releases holds past their expiry; how many. */
  sweepExpired(batchSize?: number): Promise<number>;
}

/** What a write changes: the catalog's content (admin writes) or only stock (reservations). */
export type CacheScope = 'content' | 'stock';

/** UTF-8 JSON known to hold a T: lets cache hits go to the wire without decoding or parsing. */
export type JsonBody<T> = Buffer & { readonly __shape?: T };

/**
 * A read-through cache that never stands between a reader and the database:
 * when it fails, values are loaded as if nothing was cached.
 */
export interface ReadCache {
  /** A value only admin writes change or, with `dependsOnStock`, stock changes too. */
  remember<T>(
    name: string,
    params: unknown,
    load: () => Promise<T>,
    options?: { dependsOnStock?: boolean },
  ): Promise<T>;
  /** A value holding products, as JSON, its stock refreshed from `freshStock`; null when none. */
  rememberProducts<T>(
    name: string,
    params: unknown,
    load: () => Promise<T | null>,
    productsOf: (value: T) => Product[],
    freshStock: (ids: string[]) => Promise<Map<string, number>>,
    options?: { stockDecidesMembership?: boolean },
  ): Promise<JsonBody<T> | null>;
  /** Called after every committed write: the scope's cached reads become unreachable. */
  invalidate(scope: CacheScope): Promise<void>;
}
