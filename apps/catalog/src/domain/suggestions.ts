import type { CategoryNode, Suggestion, SuggestionList } from '@portside/contracts';
import type { ProductStore, ReadCache } from './ports';
import { didYouMeanOf, foldText, highlight, maxEditsFor, searchWords } from './search-text';

/** At most this many categories lead the list; products fill the rest. */
const MAX_CATEGORIES = 3;

/**
 * Type-ahead: categories and product names a word of which begins with each
 * word typed; when none does, the closest spelling the catalogue knows, with
 * its suggestions. Cached until the next admin write.
 */
export class Suggestions {
  constructor(
    private readonly store: ProductStore,
    private readonly cache: ReadCache,
    private readonly categories: () => Promise<CategoryNode[]>,
  ) {}

  async suggest(q: string, limit: number): Promise<SuggestionList> {
    const words = searchWords(q);
    if (words.length === 0) return { query: q, items: [], didYouMean: null };
    return this.cache.remember('suggest', { q, limit }, async () => {
      const items = await this.find(words, limit);
      if (items.length > 0) return { query: q, items, didYouMean: null };
      const corrections = await this.store.corrections(
        words.map((word) => ({ word, edits: maxEditsFor(word) })),
      );
      const spelled = didYouMeanOf(words, corrections);
      const corrected = spelled ? await this.find(searchWords(spelled), limit) : [];
      return { query: q, items: corrected, didYouMean: corrected.length > 0 ? spelled : null };
    });
  }

  private async find(words: string[], limit: number): Promise<Suggestion[]> {
    const categories = matchingCategories(await this.categories(), words).slice(
      0,
      Math.min(MAX_CATEGORIES, limit - 1),
    );
    const products = await this.store.suggestProducts(words, limit - categories.length);
    return [
      ...categories.map((c) => suggestion('category', c.slug, c.name, words)),
      ...products.map((p) => suggestion('product', p.slug, p.name, words)),
    ];
  }
}

const suggestion = (
  kind: Suggestion['kind'],
  slug: string,
  label: string,
  words: string[],
): Suggestion => ({ kind, slug, label, highlight: highlight(label, words) });

/** Categories, depth first, each of whose query words begins a word of the name. */
function matchingCategories(tree: CategoryNode[], words: string[]): CategoryNode[] {
  const found: CategoryNode[] = [];
  const visit = (node: CategoryNode) => {
    const nameWords = foldText(node.name).split(/[^\p{L}\p{N}]+/u);
    if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) found.push(node);
    node.children.forEach(visit);
  };
  tree.forEach(visit);
  return found;
}
