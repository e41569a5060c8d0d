// What the stack scripts share: where things are, and how to call Compose.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const composeFile = path.join(root, 'docker', 'compose.yaml');
export const devComposeFile = path.join(root, 'docker', 'compose.dev.yaml');
export const observabilityComposeFile = path.join(root, 'docker', 'compose.observability.yaml');
/** The project name the deploy tool uses too, so both see the same stack. */
export const project = process.env.PORTSIDE_COMPOSE_PROJECT || 'portside';

/** `docker compose` (v2) when present, else `docker-compose` (v1.29+). */
export function composeCommand() {
  const v2 = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' });
  if (v2.status === 0) return ['docker', 'compose'];
  const v1 = spawnSync('docker-compose', ['version', '--short'], { stdio: 'ignore' });
  if (v1.status === 0) return ['docker-compose'];
  throw new Error('neither `docker compose` nor `docker-compose` is installed');
}

/** Runs a command with our terminal; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    });
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** Runs Compose on this stack; exits the script when Compose fails. */
export async function compose(files, args, options = {}) {
  const [command, ...prefix] = composeCommand();
  const fileArgs = files.flatMap((file) => ['-f', file]);
  const result = await run(command, [...prefix, '-p', project, ...fileArgs, ...args], options);
  if (result.code !== 0) {
    process.stderr.write(
      `\n${[command, ...prefix].join(' ')} ${args.join(' ')} failed (exit ${result.code})\n`,
    );
    process.exit(result.code);
  }
  return result.stdout;
}
