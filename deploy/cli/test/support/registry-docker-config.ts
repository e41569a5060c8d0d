import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a fake `docker-credential-<name>` answers for `get`. */
export interface HelperBehaviour {
  /** server address -> the JSON fields a real helper prints; any other server gets "credentials not found". */
  answers?: Record<string, { Username: string; Secret: string }>;
  /** Print this on stdout and exit 1, as a broken helper does. */
  fail?: string;
  /** Print this on stdout and exit 0. */
  raw?: string;
}

/** A temporary DOCKER_CONFIG folder, and a folder for credential helpers to put on PATH. */
export interface DockerConfigDir {
  dir: string;
  writeConfig(config: unknown): void;
  /** Installs a fake helper speaking docker's `get` protocol; returns a reader of the server addresses it was asked for. */
  installHelper(name: string, behaviour: HelperBehaviour): () => string[];
  /** DOCKER_CONFIG and PATH (helpers first) for a process that should use this folder. */
  env(): Record<string, string>;
  remove(): void;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function createDockerConfigDir(): DockerConfigDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portside-docker-config-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  return {
    dir,
    writeConfig: (config) =>
      writeFileSync(
        path.join(dir, 'config.json'),
        typeof config === 'string' ? config : JSON.stringify(config, null, 2),
      ),
    installHelper(name, behaviour) {
      const log = path.join(dir, `${name}.log`);
      const cases = Object.entries(behaviour.answers ?? {})
        .map(
          ([server, answer]) =>
            `  ${shellQuote(server)}) printf '%s\\n' ${shellQuote(JSON.stringify({ ServerURL: server, ...answer }))} ;;`,
        )
        .join('\n');
      const body =
        behaviour.fail !== undefined
          ? `echo ${shellQuote(behaviour.fail)}; exit 1`
          : behaviour.raw !== undefined
            ? `printf '%s\\n' ${shellQuote(behaviour.raw)}`
            : `case "$server" in\n${cases}\n  *) echo 'credentials not found in native keychain'; exit 1 ;;\nesac`;
      const script = `#!/bin/sh\n[ "$1" = get ] || { echo "unsupported: $1"; exit 2; }\nserver=$(cat)\nprintf '%s\\n' "$server" >> ${shellQuote(log)}\n${body}\n`;
      const file = path.join(bin, `docker-credential-${name}`);
      writeFileSync(file, script);
      chmodSync(file, 0o755);
      return () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
    },
    env: () => ({ DOCKER_CONFIG: dir, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
