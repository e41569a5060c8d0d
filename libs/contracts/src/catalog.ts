import { z } from 'zod';
import { Cents, Currency, IsoDateTime, Slug, Uuid } from './common';

export const PRODUCT_PAGE_MAX = 100;
export const PRODUCT_PAGE_DEFAULT = 24;

export const CategoryRef = z.strictObject({ id: Uuid, slug: Slug, name: z.string() });
export type CategoryRef = z.infer<typeof CategoryRef>;

export type CategoryNode = {
  id: string;
  slug: string;
  name: string;
  /** Products in this category and all categories below it. */
  productCount: number;
  children: CategoryNode[];
};
export const CategoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  z.strictObject({
    id: Uuid,
    slug: Slug,
    name: z.string(),
    productCount: z.number().int().min(0),
    children: z.array(CategoryNode),
  }),
);
export const CategoryTree = z.strictObject({ items: z.array(CategoryNode) });
export type CategoryTree = z.infer<typeof CategoryTree>;

export const Product = z.strictObject({
  id: Uuid,
  slug: Slug,
  name: z.string(),
  description: z.string(),
  priceCents: Cents,
  currency: Currency,
  imageUrl: z.string(),
  stock: z.number().int().min(0),
  category: CategoryRef,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;

export const ProductSort = z.enum(['relevance', 'price', '-price', 'name', 'newest']);
export type ProductSort = z.infer<typeof ProductSort>;

/** Query string numbers arrive as text: coerce, then bound. */
const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * What a shopper typed: trimmed, bounded, and free of control characters (a NUL
 * byte is not text PostgreSQL can hold; it is the client's mistake, not ours).
 */
export const SearchText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

/** A query-string flag: `true` or `false`. */
const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ProductSearchQuery = z
  .strictObject({
    q: SearchText.optional(),
    category: Slug.optional(),
    minPrice: queryInt(0, 100_000_000).optional(),
    maxPrice: queryInt(0, 100_000_000).optional(),
    /** `true`: only products with stock to sell. */
    inStock: queryFlag.optional(),
    sort: ProductSort.optional(),
    limit: queryInt(1, PRODUCT_PAGE_MAX).default(PRODUCT_PAGE_DEFAULT),
    cursor: z.string().min(1).max(500).optional(),
    /** Comma-separated product ids, for callers that need several products at once. */
    ids: z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(Uuid).min(1).max(PRODUCT_PAGE_MAX))
      .optional(),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    path: ['maxPrice'],
    message: 'must be greater than or equal to minPrice',
  });
export type ProductSearchQuery = z.infer<typeof ProductSearchQuery>;

/** The price bands the facets count, in cents: [min, max) with the last one open. */
export const PRICE_BANDS: ReadonlyArray<{ minPrice: number; maxPrice: number | null }> = [
  { minPrice: 0, maxPrice: 2_500 },
  { minPrice: 2_500, maxPrice: 5_000 },
  { minPrice: 5_000, maxPrice: 10_000 },
  { minPrice: 10_000, maxPrice: 25_000 },
  { minPrice: 25_000, maxPrice: null },
];

/**
 * How many products of the current query fall in each category (with its
 * subcategories), price band and stock state. Category counts ignore the
 * category filter (so a shopper sees where else the query finds things);
 * every other count honours all filters.
 */
export const ProductFacets = z.strictObject({
  categories: z.array(z.strictObject({ slug: Slug, count: z.number().int().min(0) })),
  priceBands: z.array(
    z.strictObject({
      minPrice: Cents,
      /** Exclusive; null for the open-ended top band. */
      maxPrice: Cents.nullable(),
      count: z.number().int().min(0),
    }),
  ),
  inStock: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ProductFacets = z.infer<typeof ProductFacets>;

export const ProductPage = z.strictObject({
  items: z.array(Product),
  nextCursor: z.string().nullable(),
  /** Present on searches (not on lookups by ids). */
  facets: ProductFacets.optional(),
  /** A close spelling of `q` the catalogue knows, when some word of `q` matched no product. */
  didYouMean: z.string().nullable().optional(),
});
export type ProductPage = z.infer<typeof ProductPage>;

export const SUGGESTIONS_MAX = 10;

export const SuggestQuery = z.strictObject({
  q: SearchText,
  limit: queryInt(1, SUGGESTIONS_MAX).default(8),
});
export type SuggestQuery = z.infer<typeof SuggestQuery>;

/** A piece of a suggestion's label; `match` marks what the shopper's words matched. */
export const HighlightPart = z.strictObject({ text: z.string(), match: z.boolean() });
export type HighlightPart = z.infer<typeof HighlightPart>;

export const Suggestion = z.strictObject({
  kind: z.enum(['product', 'category']),
  slug: Slug,
  label: z.string(),
  highlight: z.array(HighlightPart),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionList = z.strictObject({
  query: z.string(),
  items: z.array(Suggestion),
  /** A close spelling that would find something, when the query as typed finds nothing. */
  didYouMean: z.string().nullable(),
});
export type SuggestionList = z.infer<typeof SuggestionList>;

export const CreateProduct = z.strictObject({
  slug: Slug,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  priceCents: Cents,
  categoryId: Uuid,
  /** Omitted: the catalog draws one from the product. */
  imageUrl: z.string().max(500).optional(),
  stock: z.number().int().min(0).max(1_000_000).default(0),
});
export type CreateProduct = z.infer<typeof CreateProduct>;

export const UpdateProduct = z
  .strictObject({
    slug: Slug,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000),
    priceCents: Cents,
    categoryId: Uuid,
    imageUrl: z.string().max(500),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
export type UpdateProduct = z.infer<typeof UpdateProduct>;

export const SetStock = z.strictObject({ stock: z.number().int().min(0).max(1_000_000) });
export type SetStock = z.infer<typeof SetStock>;

/* Stock reservations: internal to the platform (order -> catalog), not routed by the edge. */

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

export const ReservationLineRequest = z.strictObject({
  productId: Uuid,
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
});
export const CreateReservation = z.strictObject({
  lines: z.array(ReservationLineRequest).min(1).max(MAX_ORDER_LINES),
  /** How long the hold lasts before it expires on its own. */
  ttlSeconds: z.number().int().min(10).max(3600).default(900),
});
export type CreateReservation = z.infer<typeof CreateReservation>;

export const ReservationStatus = z.enum(['pending', 'committed', 'released', 'expired']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

export const Reservation = z.strictObject({
  id: Uuid,
  status: ReservationStatus,
  expiresAt: IsoDateTime,
  lines: z.array(
    z.strictObject({
      productId: Uuid,
      name: z.string(),
      quantity: z.number().int().min(1),
      /** The catalog's price when the stock was reserved: what the order charges. */
      unitPriceCents: Cents,
    }),
  ),
});
export type Reservation = z.infer<typeof Reservation>;
