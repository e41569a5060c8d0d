import { spawn } from 'node:child_process';
import { EnvironmentError, UsageError } from '../core/errors';
import type { Credential } from './credential';

/** The Username a helper answers when Secret is an identity token rather than a password. */
const IDENTITY_TOKEN_USER = '<token>';
const NOT_FOUND = 'credentials not found';

/** Which helper is asked, and where it was configured (for messages). */
export interface HelperRef {
  name: string;
  /** e.g. `credHelpers["ghcr.io"] in /home/me/.docker/config.json` */
  configuredBy: string;
  configFile: string;
}

/**
 * Asks a docker credential helper (`docker-credential-<name> get`, the protocol docker itself uses):
 * the server address on stdin, `{"ServerURL","Username","Secret"}` on stdout. Undefined when the
 * helper holds nothing for that server.
 */
export async function credentialFromHelper(
  helper: HelperRef,
  serverAddress: string,
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  const program = `docker-credential-${helper.name}`;
  if (!/^[\w.-]+$/.test(helper.name)) {
    throw new UsageError(
      `${helper.configuredBy} names the credential helper "${helper.name}", which is not a program name`,
      `fix ${helper.configFile}`,
    );
  }
  const { code, stdout, stderr, missing } = await run(program, serverAddress, env);
  if (missing) {
    throw new EnvironmentError(
      `the credential helper ${program} (${helper.configuredBy}) is not installed`,
      `install it on PATH, or remove it from ${helper.configFile}`,
    );
  }
  const said = (stdout.trim() || stderr.trim()).split('\n')[0] ?? '';
  if (code !== 0) {
    if (said.toLowerCase().includes(NOT_FOUND)) return undefined;
    throw new EnvironmentError(
      `the credential helper ${program} failed for ${serverAddress}: ${said || `exit code ${code}`}`,
      `run: echo ${serverAddress} | ${program} get`,
    );
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch {
    throw new EnvironmentError(
      `the credential helper ${program} answered something that is not JSON for ${serverAddress}`,
      `run: echo ${serverAddress} | ${program} get`,
    );
  }
  const username = typeof answer.Username === 'string' ? answer.Username : '';
  const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
  if (!secret) return undefined;
  return username === IDENTITY_TOKEN_USER
    ? { kind: 'identity-token', token: secret }
    : { kind: 'basic', username, password: secret };
}

function run(
  program: string,
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Not on PATH is its own case; anything else (not executable, ...) reads as the helper failing.
      resolve({ code: 127, stdout, stderr: error.message, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, missing: false }));
    // A helper that exits without reading its input must not turn into an EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
