// Prints the gzipped size of the JavaScript a first visit downloads: the entry
// script and the chunks index.html preloads. Lazy route chunks are listed apart.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g),
].map((m) => m[1]);

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

let total = 0;
console.log('Initial JavaScript (gzipped):');
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(48)} ${kb(size)}`);
}
console.log(`  ${'total'.padEnd(48)} ${kb(total)} (budget ${kb(BUDGET_BYTES)})`);

const lazy = readdirSync(join(dist, 'assets')).filter(
  (f) => f.endsWith('.js') && !initial.includes(`assets/${f}`),
);
console.log('Loaded on demand (gzipped):');
for (const f of lazy) console.log(`  ${`assets/${f}`.padEnd(48)} ${kb(gz(`assets/${f}`))}`);

if (total > BUDGET_BYTES) {
  console.error(`Initial JavaScript is over budget by ${kb(total - BUDGET_BYTES)}.`);
  process.exit(1);
}
