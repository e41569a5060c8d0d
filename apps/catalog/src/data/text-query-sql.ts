import { Prisma } from '../generated/prisma/client';
import type { Corrections, TextSearch } from '../domain/types';

/*
 * The tsqueries of a text search. Words are letters and digits only (see
 * searchWords), so `word:*A` is safe tsquery syntax. search_vector holds stems
 * (portside_english) and whole words (portside_simple) of the name (weight A)
 * and description (B), accents folded.
 */

/** One word as typed: its stem anywhere, or the beginning of a word of the name. */
export const typed = (word: string) =>
  Prisma.sql`(plainto_tsquery('portside_english', ${word}) || to_tsquery('portside_simple', ${`${word}:*A`}))`;

/** One word with its corrections as alternatives. */
function tolerant(word: string, corrections: Corrections): Prisma.Sql {
  const alternatives = (corrections.get(word) ?? []).map(
    (term) => Prisma.sql`plainto_tsquery('portside_english', ${term})`,
  );
  return Prisma.sql`(${Prisma.join([typed(word), ...alternatives], ' || ')})`;
}

/** Every word, as typed (prefixes and stems): what the prefix tier ranks. */
export const prefixQuery = (text: TextSearch) => Prisma.join(text.words.map(typed), ' && ');

/** Every word, each as typed or as one of its corrections: what a search matches. */
export const matchQuery = (text: TextSearch, corrections: Corrections) =>
  Prisma.join(
    text.words.map((word) => tolerant(word, corrections)),
    ' && ',
  );

/**
 * The relevance score: one point each for matching the words as a phrase, as
 * whole words (stems), and as typed (prefixes), plus ts_rank scaled into [0, 1)
 * (normalisation 32), so exact and phrase matches come before prefixes, and
 * prefixes before typo corrections. A real, as the cursor stores it.
 */
export function relevanceScore(text: TextSearch, corrections: Corrections): Prisma.Sql {
  const phrase = Prisma.sql`phraseto_tsquery('portside_english', ${text.text})`;
  const plain = Prisma.sql`plainto_tsquery('portside_english', ${text.text})`;
  return Prisma.sql`(
    (p.search_vector @@ ${phrase})::int + (p.search_vector @@ ${plain})::int
    + (p.search_vector @@ (${prefixQuery(text)}))::int
  )::real + ts_rank(p.search_vector, ${matchQuery(text, corrections)}, 32)`;
}
