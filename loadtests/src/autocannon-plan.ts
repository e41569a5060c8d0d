import type { CategoryNode, CategoryTree, ProductPage } from '@portside/contracts';
import { newCartWith } from '../bench/fixtures';
import { MAX_FAILED_RATE, SLO } from '../k6/lib/slo-values';
import type { Profile } from './profiles';

/*
 * The profiles as the autocannon runner plays them where k6 is not installed (`portside
 * loadtest`, `deploy --verify`, `capacity`). Closed model: each connection sends its journey's
 * next request when the last one answered, so the shape is connections for a time rather than
 * k6's arrival rates. The journeys are the k6 ones without think time; checkout is left out
 * (each order needs its own filled cart and takes stock), so k6 remains the way to load it.
 */

type Request = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

export type AutocannonPlan = {
  journeys: { name: string; weight: number; requests: Request[] }[];
  connections: number;
  durationSeconds: number;
  slo: Record<string, { p95Ms: number; p99Ms: number; maxErrorRate: number }>;
};

/** Connections and seconds per profile: the same order of load as the k6 profiles, shorter. */
const SHAPES: Record<Profile, { connections: number; durationSeconds: number }> = {
  smoke: { connections: 4, durationSeconds: 10 },
  average: { connections: 16, durationSeconds: 60 },
  stress: { connections: 48, durationSeconds: 120 },
  spike: { connections: 64, durationSeconds: 30 },
  soak: { connections: 12, durationSeconds: 1800 },
};

const SORTS = ['relevance', 'price', '-price', 'name', 'newest'];

function flatten(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (res.status !== 200)
    throw new Error(`GET ${url} gave ${res.status}: is the stack up and seeded?`);
  return (await res.json()) as T;
}

/** Reads the seeded catalog once (as k6's setup() does) and lays out each journey's requests. */
export async function autocannonPlan(profile: Profile, baseUrl: string): Promise<AutocannonPlan> {
  const base = baseUrl.replace(/\/+$/, '');
  const tree = await getJson<CategoryTree>(`${base}/api/categories`);
  const categories = flatten(tree.items)
    .filter((c) => c.productCount > 0)
    .map((c) => c.slug)
    .slice(0, 10);
  const page = await getJson<ProductPage>(`${base}/api/products?limit=100`);
  const products = page.items.slice(0, 20);
  const stocked = page.items.find((p) => p.stock > 0);
  if (categories.length === 0 || !stocked)
    throw new Error(`the catalog at ${base} has no products in stock: seed it first`);
  const words = [...new Set(page.items.flatMap((p) => p.name.toLowerCase().split(/[^a-z0-9]+/)))]
    .filter((w) => w.length >= 4)
    .slice(0, 10);
  // Carts are made before the load, so the measured journey only updates and reads them.
  const carts = await Promise.all(
    Array.from({ length: 4 }, () => newCartWith(base, stocked.id, 1)),
  );

  const browse: Request[] = categories.flatMap((slug, i) => [
    { method: 'GET', path: '/api/categories' },
    {
      method: 'GET',
      path: `/api/products?category=${encodeURIComponent(slug)}&sort=${encodeURIComponent(SORTS[i % SORTS.length]!)}&limit=24`,
    },
    {
      method: 'GET',
      path: `/api/products?q=${encodeURIComponent(words[i % Math.max(1, words.length)] ?? 'shop')}&limit=24`,
    },
  ]);
  const viewProduct: Request[] = products.map((p) => ({
    method: 'GET',
    path: `/api/products/${encodeURIComponent(p.slug)}`,
  }));
  const addToCart: Request[] = carts.flatMap((id) => [
    ...[2, 1].map((quantity) => ({
      method: 'PUT' as const,
      path: `/api/carts/${id}/items/${stocked.id}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity }),
    })),
    { method: 'GET' as const, path: `/api/carts/${id}` },
  ]);

  const slo: AutocannonPlan['slo'] = {};
  for (const [journey, objective] of Object.entries(SLO))
    slo[journey] = { p95Ms: objective.p95, p99Ms: objective.p99, maxErrorRate: MAX_FAILED_RATE };
  return {
    ...SHAPES[profile],
    journeys: [
      { name: 'browse', weight: 60, requests: browse },
      { name: 'viewProduct', weight: 25, requests: viewProduct },
      { name: 'addToCart', weight: 10, requests: addToCart },
    ],
    slo,
  };
}
