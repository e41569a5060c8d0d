import { z } from 'zod';
import { Cart, CartId, CartLines, CreatedCart, SetCartItem } from './cart';
import {
  CategoryTree,
  CreateProduct,
  Product,
  ProductPage,
  ProductSearchQuery,
  SetStock,
  SuggestionList,
  SuggestQuery,
  UpdateProduct,
} from './catalog';
import { Slug, Uuid } from './common';
import { CheckoutRequest, IdempotencyKey, Order, OrderHistory, PlacedOrder } from './order';

/** Who may call an operation: anyone, the catalog's admin, or the holder of an order's token. */
export type Auth = 'none' | 'admin' | 'order';

export interface ApiOperation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template, as the edge serves it. */
  path: string;
  summary: string;
  tag: 'catalog' | 'cart' | 'order' | 'meta';
  auth: Auth;
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodObject | z.ZodType;
  headers?: Record<string, { schema: z.ZodType; required: boolean }>;
  body?: z.ZodType;
  /** Status -> the body's schema (undefined: no JSON body) and what it means. */
  responses: Record<number, { description: string; body?: z.ZodType; mediaType?: string }>;
}

const ok = (body: z.ZodType, description = 'OK') => ({ description, body });
const problem = (description: string) => ({ description });

/**
 * Every operation of the public API (through the edge, under /api). The
 * schemas are the ones the services validate with: the OpenAPI document is
 * generated from this table and nothing else.
 */
export const API_OPERATIONS: ApiOperation[] = [
  {
    operationId: 'searchProducts',
    method: 'get',
    path: '/api/products',
    summary: 'Search and filter the catalog, one page at a time (cursor pagination).',
    tag: 'catalog',
    auth: 'none',
    query: ProductSearchQuery,
    responses: {
      200: ok(ProductPage),
      400: problem('A filter, the limit or the cursor is invalid'),
    },
  },
  {
    operationId: 'suggestProducts',
    method: 'get',
    path: '/api/products/suggest',
    summary: 'Type-ahead: product names and categories matching what was typed, the match marked.',
    tag: 'catalog',
    auth: 'none',
    query: SuggestQuery,
    responses: {
      200: ok(SuggestionList),
      400: problem('The query or the limit is invalid'),
    },
  },
  {
    operationId: 'getProduct',
    method: 'get',
    path: '/api/products/{idOrSlug}',
    summary: 'One product, by id or slug.',
    tag: 'catalog',
    auth: 'none',
    pathParams: { idOrSlug: z.union([Uuid, Slug]) },
    responses: { 200: ok(Product), 404: problem('No such product') },
  },
  {
    operationId: 'createProduct',
    method: 'post',
    path: '/api/products',
    summary: 'Create a product (admin).',
    tag: 'catalog',
    auth: 'admin',
    body: CreateProduct,
    responses: {
      201: ok(Product, 'Created'),
      400: problem('Invalid product'),
      401: problem('No token'),
      403: problem('Not the admin token'),
      409: problem('The slug is taken'),
    },
  },
  {
    operationId: 'updateProduct',
    method: 'patch',
    path: '/api/products/{id}',
    summary: 'Change some fields of a product (admin).',
    tag: 'catalog',
    auth: 'admin',
    pathParams: { id: Uuid },
    body: UpdateProduct,
    responses: {
      200: ok(Product),
      400: problem('Invalid change'),
      401: problem('No token'),
      403: problem('Not the admin token'),
      404: problem('No such product'),
    },
  },
  {
    operationId: 'setStock',
    method: 'put',
    path: '/api/products/{id}/stock',
    summary: "Set a product's stock (admin).",
    tag: 'catalog',
    auth: 'admin',
    pathParams: { id: Uuid },
    body: SetStock,
    responses: {
      200: ok(Product),
      400: problem('Invalid stock'),
      401: problem('No token'),
      403: problem('Not the admin token'),
      404: problem('No such product'),
    },
  },
  {
    operationId: 'listCategories',
    method: 'get',
    path: '/api/categories',
    summary: 'The category tree with product counts.',
    tag: 'catalog',
    auth: 'none',
    responses: { 200: ok(CategoryTree) },
  },
  {
    operationId: 'getProductImage',
    method: 'get',
    path: '/api/images/products/{slug}.svg',
    summary: "A product's picture, drawn from the product.",
    tag: 'catalog',
    auth: 'none',
    pathParams: { slug: Slug },
    responses: {
      200: { description: 'The picture', mediaType: 'image/svg+xml' },
      404: problem('No such product'),
    },
  },
  {
    operationId: 'createCart',
    method: 'post',
    path: '/api/carts',
    summary: 'A new, empty cart; its id is the only key to it.',
    tag: 'cart',
    auth: 'none',
    responses: { 201: ok(CreatedCart, 'Created') },
  },
  {
    operationId: 'getCart',
    method: 'get',
    path: '/api/carts/{cartId}',
    summary: 'The cart with its lines at live prices.',
    tag: 'cart',
    auth: 'none',
    pathParams: { cartId: CartId },
    responses: { 200: ok(Cart), 404: problem('Unknown or expired cart') },
  },
  {
    operationId: 'getCartLines',
    method: 'get',
    path: '/api/carts/{cartId}/lines',
    summary: "The cart's lines, unpriced (what checkout reads).",
    tag: 'cart',
    auth: 'none',
    pathParams: { cartId: CartId },
    responses: { 200: ok(CartLines), 404: problem('Unknown or expired cart') },
  },
  {
    operationId: 'clearCart',
    method: 'delete',
    path: '/api/carts/{cartId}',
    summary: 'Empty and forget the cart.',
    tag: 'cart',
    auth: 'none',
    pathParams: { cartId: CartId },
    responses: { 204: { description: 'Gone' } },
  },
  {
    operationId: 'setCartItem',
    method: 'put',
    path: '/api/carts/{cartId}/items/{productId}',
    summary: "Set a line's quantity (0 removes it).",
    tag: 'cart',
    auth: 'none',
    pathParams: { cartId: CartId, productId: Uuid },
    body: SetCartItem,
    responses: {
      200: ok(Cart),
      400: problem('Bad quantity or product id'),
      404: problem('Unknown cart or product'),
      409: problem('More than in stock, or too many lines'),
    },
  },
  {
    operationId: 'removeCartItem',
    method: 'delete',
    path: '/api/carts/{cartId}/items/{productId}',
    summary: 'Remove a line.',
    tag: 'cart',
    auth: 'none',
    pathParams: { cartId: CartId, productId: Uuid },
    responses: { 204: { description: 'Removed' }, 404: problem('Unknown cart') },
  },
  {
    operationId: 'placeOrder',
    method: 'post',
    path: '/api/orders',
    summary: 'Check out a cart: prices from the catalog, stock reserved, payment taken.',
    tag: 'order',
    auth: 'none',
    headers: { 'Idempotency-Key': { schema: IdempotencyKey, required: true } },
    body: CheckoutRequest,
    responses: {
      201: ok(PlacedOrder, 'Placed; the accessToken reads it later'),
      400: problem('Invalid checkout'),
      402: problem('Card declined'),
      409: problem('Out of stock, or the same key is still in flight'),
      422: problem('Same key, different body'),
    },
  },
  {
    operationId: 'orderHistory',
    method: 'get',
    path: '/api/orders',
    summary:
      'Exactly the orders whose access tokens are presented (Order-Tokens, comma-separated, and/or Authorization: Bearer).',
    tag: 'order',
    auth: 'order',
    headers: {
      'Order-Tokens': { schema: z.string().max(4096), required: false },
    },
    responses: {
      200: ok(OrderHistory),
      400: problem('Too many or malformed tokens'),
      401: problem('No token'),
    },
  },
  {
    operationId: 'getOrder',
    method: 'get',
    path: '/api/orders/{id}',
    summary: 'An order and its status, for the holder of its access token.',
    tag: 'order',
    auth: 'order',
    pathParams: { id: Uuid },
    responses: { 200: ok(Order), 401: problem('No token'), 404: problem('Not yours, or none') },
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document.',
    tag: 'meta',
    auth: 'none',
    responses: { 200: { description: 'The OpenAPI 3.1 document' } },
  },
];
