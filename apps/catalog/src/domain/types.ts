import type { ProductSort } from '@portside/contracts';

/** The orders the catalog can list products in; relevance needs a text query. */
export type ListOrder = ProductSort;

/** Where a page starts: the sort key and id of the last product of the page before. */
export interface Position {
  key: string | number;
  id: string;
}

/** What the shopper typed, and its folded words (see search-text.ts). */
export interface TextSearch {
  text: string;
  words: string[];
}

/**
 * What the relevance order sorts by: the text's rank, names (a one-letter
 * query, whose matches would all rank alike), or newest first (no text).
 */
export type RelevanceKey = 'rank' | 'name' | 'newest';

/** A search as the data layer runs it: filters already resolved to ids and numbers. */
export interface ProductSearch {
  text?: TextSearch;
  categoryIds?: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  ids?: string[];
  order: ListOrder;
  after?: Position;
  limit: number;
}

/** Known terms close to each word of a query that matched none (see ProductStore.corrections). */
export type Corrections = Map<string, string[]>;

/** Products of a search counted by category, price band and stock state. */
export interface FacetGroup {
  categoryId: string;
  /** Index into PRICE_BANDS. */
  band: number;
  inStock: boolean;
  count: number;
}

export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  /** Products directly in this category (not its children). */
  ownProducts: number;
}

export interface NewProduct {
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  categoryId: string;
  imageUrl: string;
  stock: number;
}

export type ProductChanges = Partial<Omit<NewProduct, 'stock'>>;

export interface ReservationLineInput {
  productId: string;
  quantity: number;
}
