/** One challenge of a WWW-Authenticate header: `Bearer realm="...",service="...",scope="..."`. */
export interface Challenge {
  /** Lower case: "basic", "bearer". */
  scheme: string;
  /** Parameter names in lower case, values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
/** Unquoted values should be tokens, but some servers send URLs bare: read up to the next comma or space. */
const BARE_VALUE = /[^\s,"]+/y;

/**
 * Parses a WWW-Authenticate header (RFC 9110 section 11.6.1): one or more challenges, each a scheme
 * and comma-separated parameters whose quoted values may themselves hold commas
 * (`scope="repository:a:pull,push"`). Anything it cannot read ends the parse, keeping what came before.
 */
export function parseChallenges(header: string | null | undefined): Challenge[] {
  const text = header ?? '';
  const challenges: Challenge[] = [];
  let at = 0;
  const skip = (chars: string) => {
    while (at < text.length && chars.includes(text[at] as string)) at++;
  };
  const read = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    at += match ? match[0].length : 0;
    return match?.[0] ?? '';
  };
  const token = () => read(TOKEN);
  const quoted = () => {
    let value = '';
    for (at++; at < text.length && text[at] !== '"'; at++) {
      if (text[at] === '\\') at++;
      value += text[at] ?? '';
    }
    at++;
    return value;
  };

  for (;;) {
    skip(' \t,');
    const scheme = token();
    if (!scheme) return challenges;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    for (;;) {
      skip(' \t');
      const start = at;
      const name = token();
      skip(' \t');
      // A name without "=" is the next challenge's scheme.
      if (!name || text[at] !== '=') {
        at = start;
        break;
      }
      at++;
      skip(' \t');
      challenge.params[name.toLowerCase()] = text[at] === '"' ? quoted() : read(BARE_VALUE);
      skip(' \t');
      if (text[at] !== ',') break;
      at++;
    }
  }
}

/** The challenge to answer: Bearer when offered (it is what the registry prefers), else Basic, else the first. */
export function preferredChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ??
    challenges.find((c) => c.scheme === 'basic') ??
    challenges[0]
  );
}
