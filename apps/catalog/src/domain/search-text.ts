import type { HighlightPart } from '@portside/contracts';
import type { RelevanceKey, TextSearch } from './types';

/** More words than a shopper types: the rest are ignored, which bounds the SQL. */
export const MAX_QUERY_WORDS = 8;

/** Letters PostgreSQL's unaccent turns into more than a stripped accent. */
const UNACCENT_EXTRAS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
};

/** Lower case, accents folded, one character in for one out where unaccent does the same. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþ]/g, (c) => UNACCENT_EXTRAS[c] ?? c);
}

/**
 * The words of a query, folded: only letters and digits, so they can go into a
 * tsquery as they are. Punctuation-only text has no words.
 */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS);
}

/**
 * How many edits a word may be from a known term and still count as a typo of it:
 * none under four letters (too many short words are one edit apart), one up to
 * five, two from six.
 */
export function maxEditsFor(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 6 ? 1 : 2;
}

/**
 * What relevance sorts a query by. One letter matches a tenth of a catalogue,
 * every match the same one-letter prefix, so ranking them all buys little:
 * names in alphabetical order come straight off the name index instead.
 */
export function relevanceKeyOf(text: TextSearch | undefined): RelevanceKey {
  if (!text) return 'newest';
  return text.words.length === 1 && text.words[0]!.length === 1 ? 'name' : 'rank';
}

/** The query with each corrected word replaced by its best correction; null when none was. */
export function didYouMeanOf(words: string[], corrections: Map<string, string[]>): string | null {
  let changed = false;
  const spelled = words.map((word) => {
    const best = corrections.get(word)?.[0];
    if (!best) return word;
    changed = true;
    return best;
  });
  return changed ? spelled.join(' ') : null;
}

/**
 * The label cut into parts, marking in each of its words the beginning that
 * one of the query's words matches (folded: "cafe" marks "Café").
 */
export function highlight(label: string, words: string[]): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  for (const token of label.match(/[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+/gu) ?? []) {
    const folded = foldText(token);
    const matched = Math.max(
      0,
      ...words.filter((w) => folded.startsWith(w)).map((w) => matchedLength(token, w.length)),
    );
    push(token.slice(0, matched), true);
    push(token.slice(matched), false);
  }
  return parts;
}

/** How many characters of `token` fold to its first `foldedLength` folded characters. */
function matchedLength(token: string, foldedLength: number): number {
  let folded = 0;
  let i = 0;
  for (const char of token) {
    if (folded >= foldedLength) break;
    folded += foldText(char).length;
    i += char.length;
  }
  return i;
}
