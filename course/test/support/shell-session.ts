import { spawn } from 'node:child_process';

export interface BlockResult {
  code: number;
  output: string;
  ms: number;
}

/**
 * Runs one lesson block as the learner's shell would: bash, from the repository root, stopping at
 * the first failing command. `docker compose` falls back to `docker-compose` where only v1 exists.
 */
export function runBlock(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; composeV1: boolean; timeoutMs: number },
): Promise<BlockResult> {
  const prelude = options.composeV1
    ? 'docker() { if [ "$1" = compose ]; then shift; docker-compose "$@"; else command docker "$@"; fi; }\n'
    : '';
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `set -eo pipefail\n${prelude}${script}`], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output, ms: Date.now() - started });
    });
  });
}

/** What the learner would see: this run's port, project and folders written as the defaults. */
export function asTheLearnerSees(
  output: string,
  replacements: [string | RegExp, string][],
  maxLines = 40,
): string {
  let text = output;
  for (const [from, to] of replacements)
    text = typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  while (lines.length && lines.at(-1) === '') lines.pop();
  if (lines.length <= maxLines) return lines.join('\n');
  // Long outputs (a build) keep their start and their end, where the result is.
  const head = Math.floor(maxLines / 4);
  const tail = maxLines - head;
  return [
    ...lines.slice(0, head),
    `... (${lines.length - maxLines} lines)`,
    ...lines.slice(-tail),
  ].join('\n');
}
