import { imageUrlOf } from '../domain/catalog';
import type { NewProduct } from '../domain/types';
import { seededRandom, type Random } from './random';
import {
  ADJECTIVES,
  CATEGORIES,
  CLOSINGS,
  FINISHES,
  LINES,
  OPENINGS,
  type CategorySpec,
} from './word-lists';

export interface SeedCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

export type SeedProduct = NewProduct & { id: string; createdAt: Date };

export interface SeedCatalog {
  categories: SeedCategory[];
  products: SeedProduct[];
}

const SEED = 20_261_125;
/** Dates are spread over the year before this fixed day, so the data never depends on when it runs. */
const NEWEST = Date.UTC(2026, 10, 1);
const DAY = 24 * 3600 * 1000;
/** Above this many products, names take a finish too: adjective x line x noun runs out near 32,000. */
const FINISHED_ABOVE = 10_000;

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The demo catalog: same input, same output, on every machine. */
export function buildSeedCatalog(productCount = 600): SeedCatalog {
  const random = seededRandom(SEED);
  const categories: SeedCategory[] = [];
  const specs: Array<{ spec: CategorySpec; id: string }> = [];
  const addCategory = (spec: CategorySpec, parentId: string | null) => {
    const id = random.uuid();
    categories.push({ id, slug: spec.slug, name: spec.name, parentId });
    specs.push({ spec, id });
    spec.children?.forEach((child) => addCategory(child, id));
  };
  CATEGORIES.forEach((spec) => addCategory(spec, null));

  const slugs = new Set<string>();
  const products: SeedProduct[] = [];
  for (let i = 0; products.length < productCount; i++) {
    const { spec, id: categoryId } = specs[i % specs.length] as (typeof specs)[number];
    const noun = random.pick(Object.keys(spec.nouns));
    const base = `${random.pick(ADJECTIVES)} ${random.pick(LINES)} ${noun}`;
    const name = productCount > FINISHED_ABOVE ? `${base} ${random.pick(FINISHES)}` : base;
    const slug = slugify(name);
    if (slugs.has(slug)) continue;
    slugs.add(slug);
    products.push({
      id: random.uuid(),
      slug,
      name,
      description: describe(random, spec, name),
      priceCents: priceOf(random, spec.nouns[noun] as [number, number]),
      categoryId,
      imageUrl: imageUrlOf(slug),
      // About one product in twenty is sold out, so the storefront shows that state too.
      stock: random.next() < 0.05 ? 0 : random.int(1, 250),
      createdAt: new Date(NEWEST - random.int(0, 364) * DAY - random.int(0, DAY - 1)),
    });
  }
  return { categories, products };
}

function describe(random: Random, spec: CategorySpec, name: string): string {
  const [first, second] = [random.pick(spec.qualities), random.pick(spec.qualities)];
  const features = first === second ? first : `${first} and ${second}`;
  return `${random.pick(OPENINGS)} the ${name} comes with ${features}. ${random.pick(CLOSINGS)}`;
}

/** Shop-like prices: whole dollars ending in .99, .49 or .00. */
function priceOf(random: Random, [min, max]: [number, number]): number {
  // Skewed toward the low end of the band: most things in a shop are cheap.
  const dollars = Math.round(min + (max - min) * random.next() ** 2);
  return dollars * 100 + random.pick([99, 99, 99, 49, 0]) - (dollars > min ? 100 : 0);
}
