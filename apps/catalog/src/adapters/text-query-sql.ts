import { Prisma } from '../generated/prisma/client';
import { relevanceKeyOf } from '../domain/search-text';
import type { Corrections, TextSearch } from '../domain/types';

/*
 * The conditions and score of a text search. search_vector holds the stems of
 * the name (weight A) and description (B); name_words the name's whole words;
 * both with accents folded. Words are letters and digits only (see
 * searchWords), so `word:*` is safe tsquery syntax.
 */

/** The stems of a word and of its corrections: plurals and other forms match. */
function stems(word: string, corrections: Corrections): Prisma.Sql {
  const forms = [word, ...(corrections.get(word) ?? [])].map(
    (form) => Prisma.sql`plainto_tsquery('portside_english', ${form})`,
  );
  return Prisma.join(forms, ' || ');
}

/** The word as the beginning of a word of the name (type-ahead). */
const prefix = (word: string) => Prisma.sql`to_tsquery('portside_simple', ${`${word}:*`})`;

/** One word, matched by its stems (or its corrections') anywhere, or as a name prefix. */
const wordMatches = (word: string, corrections: Corrections) =>
  Prisma.sql`(p.search_vector @@ (${stems(word, corrections)}) OR p.name_words @@ ${prefix(word)})`;

/**
 * Every word matches, each as typed or as one of its corrections: what a
 * search finds. A one-letter query means names with a word beginning with
 * it, the condition alone: the per-initial facet indexes carry it as their
 * predicate (see the migrations), so the planner can count from them.
 */
export const matchCondition = (text: TextSearch, corrections: Corrections) =>
  relevanceKeyOf(text) === 'name'
    ? Prisma.sql`p.name_words @@ ${prefix(text.words[0]!)}`
    : Prisma.join(
        text.words.map((word) => wordMatches(word, corrections)),
        ' AND ',
      );

/**
 * The relevance score: one point each for matching the words as a phrase, as
 * whole words (stems), and as typed (prefixes, no corrections), plus the mean
 * of two ts_ranks scaled into [0, 1) (normalisation 32), so exact and phrase
 * matches come before prefixes, and prefixes before typo corrections. A real,
 * as the cursor stores it.
 */
export function relevanceScore(text: TextSearch, corrections: Corrections): Prisma.Sql {
  const phrase = Prisma.sql`phraseto_tsquery('portside_english', ${text.text})`;
  const plain = Prisma.sql`plainto_tsquery('portside_english', ${text.text})`;
  const asTyped = matchCondition(text, new Map());
  const allStems = Prisma.join(
    text.words.map((word) => Prisma.sql`(${stems(word, corrections)})`),
    ' && ',
  );
  const allPrefixes = Prisma.join(text.words.map(prefix), ' && ');
  // Cast as a whole: real divided by an integer is a double precision, which the cursor's
  // key, cast back to real, would no longer equal (the next page would start nowhere).
  return Prisma.sql`((
    (p.search_vector @@ ${phrase})::int + (p.search_vector @@ ${plain})::int + (${asTyped})::int
  )::real + (
    ts_rank(p.search_vector, ${allStems}, 32) + ts_rank(p.name_words, ${allPrefixes}, 32)
  ) / 2)::real`;
}

/** For the vocabulary: does the word begin a known term, or share a stem with one? */
export const knownWord = (word: string) => Prisma.sql`EXISTS (
  SELECT 1 FROM search_terms k
  WHERE left(k.term, ${word.length}::int) = ${word}
     OR to_tsvector('portside_english', k.term) @@ plainto_tsquery('portside_english', ${word}))`;

export { prefix as namePrefix };
