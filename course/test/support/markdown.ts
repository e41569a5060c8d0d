import { readFileSync, writeFileSync } from 'node:fs';

/** A fenced shell block of a lesson: `sh` runs, `sh solution` is the exercise's answer, `sh fails` must exit non-zero, `sh not-run` is only shown. */
export interface Block {
  kind: 'run' | 'solution' | 'fails' | 'not-run';
  script: string;
  /** Index of the block's first line in the file. */
  line: number;
  /** Whether an `<!-- output -->` region follows, to be filled with what the block printed. */
  hasOutput: boolean;
}

const FENCE = /^```sh(?: (solution|fails|not-run))?\s*$/;
const OUTPUT_OPEN = '<!-- output -->';
const OUTPUT_CLOSE = '<!-- /output -->';

export function shellBlocks(file: string): Block[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed shell block`);
    const next = lines.slice(end + 1).find((l) => l.trim() !== '');
    blocks.push({
      kind: (open[1] as Block['kind'] | undefined) ?? 'run',
      script: lines.slice(i + 1, end).join('\n'),
      line: i,
      hasOutput: next === OUTPUT_OPEN,
    });
    i = end;
  }
  return blocks;
}

/** Replaces the output region after each given block with what it printed (capture mode). */
export function writeOutputs(file: string, outputs: Map<number, string>): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  // From the bottom up, so earlier line numbers stay valid.
  for (const [line, output] of [...outputs.entries()].sort((a, b) => b[0] - a[0])) {
    const open = lines.indexOf(OUTPUT_OPEN, line);
    const close = lines.indexOf(OUTPUT_CLOSE, open);
    if (open < 0 || close < 0) continue;
    lines.splice(open + 1, close - open - 1, '```text', ...output.split('\n'), '```');
  }
  writeFileSync(file, lines.join('\n'));
}
