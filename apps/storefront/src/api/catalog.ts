import type { CategoryTree, Product, ProductPage, SuggestionList } from '@portside/contracts';
import { apiRequest } from './http';
import type { ProductFilters } from '../catalog/searchParams';

export function fetchCategories(signal?: AbortSignal): Promise<CategoryTree> {
  return apiRequest<CategoryTree>('/api/categories', { signal });
}

export function fetchProduct(idOrSlug: string, signal?: AbortSignal): Promise<Product> {
  return apiRequest<Product>(`/api/products/${encodeURIComponent(idOrSlug)}`, { signal });
}

export function searchProducts(
  filters: ProductFilters & { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<ProductPage> {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.category) query.set('category', filters.category);
  if (filters.minPrice !== undefined) query.set('minPrice', String(filters.minPrice));
  if (filters.maxPrice !== undefined) query.set('maxPrice', String(filters.maxPrice));
  if (filters.inStock) query.set('inStock', 'true');
  if (filters.sort) query.set('sort', filters.sort);
  if (filters.limit) query.set('limit', String(filters.limit));
  if (filters.cursor) query.set('cursor', filters.cursor);
  const qs = query.toString();
  return apiRequest<ProductPage>(`/api/products${qs ? `?${qs}` : ''}`, { signal });
}

/** Type-ahead suggestions for what the shopper has typed so far. */
export function fetchSuggestions(q: string, signal?: AbortSignal): Promise<SuggestionList> {
  return apiRequest<SuggestionList>(`/api/products/suggest?q=${encodeURIComponent(q)}`, {
    signal,
  });
}
