#!/usr/bin/env node
// Sums the "Tests: ..." lines every Jest run prints into one closing line,
// e.g. "tests: 612 passed, 0 failed", from a saved `npm test` log.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
for (const line of text.split('\n')) {
  const summary = /Tests:\s+(.*\d+ total)/.exec(line);
  if (!summary) continue;
  passed += Number(/(\d+) passed/.exec(summary[1])?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(summary[1])?.[1] ?? 0);
}
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
