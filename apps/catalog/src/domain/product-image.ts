/** What the generated picture of a product is drawn from. */
export interface ImageSubject {
  slug: string;
  name: string;
  /** The product's category then the ones above it: the first with a motif picks the drawing. */
  categorySlugs: string[];
}

/** FNV-1a: a small, stable hash so the same slug always gets the same colours. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const MOTIFS: Record<string, (fill: string) => string> = {
  electronics: (f) =>
    `<rect x="110" y="90" width="180" height="120" rx="10" fill="${f}"/><rect x="170" y="214" width="60" height="12" fill="${f}"/>`,
  books: (f) =>
    `<rect x="130" y="70" width="140" height="170" rx="6" fill="${f}"/><rect x="142" y="70" width="8" height="170" fill="#0002"/>`,
  kitchen: (f) =>
    `<circle cx="200" cy="160" r="80" fill="${f}"/><rect x="275" y="150" width="70" height="20" rx="8" fill="${f}"/>`,
  garden: (f) =>
    `<path d="M200 70 C260 120 260 200 200 240 C140 200 140 120 200 70 Z" fill="${f}"/>`,
  sports: (f) =>
    `<circle cx="200" cy="155" r="85" fill="${f}"/><path d="M120 155 H280 M200 70 V240" stroke="#fff8" stroke-width="6"/>`,
  toys: (f) =>
    `<rect x="125" y="85" width="70" height="70" rx="8" fill="${f}"/><rect x="205" y="85" width="70" height="70" rx="8" fill="${f}" opacity=".7"/><rect x="165" y="160" width="70" height="70" rx="8" fill="${f}" opacity=".85"/>`,
  clothing: (f) =>
    `<path d="M150 80 L120 110 L140 135 L155 125 L155 235 L245 235 L245 125 L260 135 L280 110 L250 80 L225 90 Q200 105 175 90 Z" fill="${f}"/>`,
  beauty: (f) =>
    `<rect x="170" y="110" width="60" height="130" rx="14" fill="${f}"/><rect x="185" y="75" width="30" height="40" rx="4" fill="${f}" opacity=".75"/>`,
  home: (f) =>
    `<path d="M200 70 L290 145 L270 145 L270 235 L130 235 L130 145 L110 145 Z" fill="${f}"/>`,
  office: (f) =>
    `<rect x="120" y="80" width="160" height="150" rx="4" fill="${f}"/><path d="M140 115 H260 M140 145 H260 M140 175 H230" stroke="#fff9" stroke-width="6"/>`,
  outdoors: (f) =>
    `<path d="M200 75 L300 235 L100 235 Z" fill="${f}"/><path d="M200 150 L240 235 L160 235 Z" fill="#0002"/>`,
  pets: (f) =>
    `<circle cx="200" cy="180" r="50" fill="${f}"/><circle cx="145" cy="120" r="22" fill="${f}"/><circle cx="185" cy="95" r="22" fill="${f}"/><circle cx="225" cy="95" r="22" fill="${f}"/><circle cx="260" cy="120" r="22" fill="${f}"/>`,
  audio: (f) =>
    `<path d="M125 190 V160 A75 75 0 0 1 275 160 V190" fill="none" stroke="${f}" stroke-width="16"/><rect x="110" y="170" width="40" height="65" rx="12" fill="${f}"/><rect x="250" y="170" width="40" height="65" rx="12" fill="${f}"/>`,
  phones: (f) =>
    `<rect x="150" y="65" width="100" height="180" rx="18" fill="${f}"/><rect x="162" y="85" width="76" height="135" rx="4" fill="#fff3"/>`,
  cookware: (f) =>
    `<ellipse cx="180" cy="165" rx="85" ry="70" fill="${f}"/><rect x="260" y="155" width="90" height="20" rx="8" fill="${f}"/>`,
  'coffee-tea': (f) =>
    `<path d="M135 110 H265 L250 235 H150 Z" fill="${f}"/><path d="M262 135 Q305 140 292 180 Q285 200 255 200" fill="none" stroke="${f}" stroke-width="12"/>`,
};
const FALLBACK_MOTIFS = Object.values(MOTIFS);

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  return words
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .join('');
}

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** The product's picture: same slug, same bytes, every time. */
export function productSvg(subject: ImageSubject): string {
  const hash = hashOf(subject.slug);
  const hue = hash % 360;
  const background = `hsl(${hue} 60% 92%)`;
  const fill = `hsl(${hue} 55% 45%)`;
  const accent = `hsl(${(hue + 180) % 360} 50% 35%)`;
  const known = subject.categorySlugs.find((slug) => slug in MOTIFS);
  const motif = known ? MOTIFS[known] : FALLBACK_MOTIFS[hash % FALLBACK_MOTIFS.length];
  const title = escapeXml(subject.name);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="400" height="400" fill="${background}"/>`,
    motif?.(fill) ?? '',
    `<text x="200" y="172" text-anchor="middle" font-family="system-ui, sans-serif" font-size="44" font-weight="700" fill="#fff">${escapeXml(initialsOf(subject.name))}</text>`,
    `<text x="200" y="300" text-anchor="middle" font-family="system-ui, sans-serif" font-size="20" fill="${accent}">${escapeXml(truncate(subject.name, 32))}</text>`,
    `</svg>`,
  ].join('');
}
