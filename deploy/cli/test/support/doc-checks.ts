import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { overlayDir, renderKustomization, type KubeObject } from '@portside/k8s';
import { detectCompose } from '../../src/compose/compose-cli';
import { program } from '../../src/program';
import { words } from './doc-commands';
import { REPO_ROOT } from './git-workspace';

// The checks the docs suite runs against a command: its --help, `compose config`, the files and
// Kubernetes objects it names. Each returns the problems it found (empty when the doc is true).

export const exists = (file: string) => existsSync(path.join(REPO_ROOT, file));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The flags a command line passes (optional `[--flag x]` parts included), without values. */
export function flagsOf(args: string[]): string[] {
  return args
    .map((arg) => arg.replace(/^\[+/, '').replace(/\]+$/, ''))
    .filter((arg) => /^--?[a-zA-Z]/.test(arg))
    .map((arg) => arg.split('=')[0]!);
}

/**
 * `portside <command> [args]`: the command exists and its --help (the text the binary prints,
 * rendered from the same program) lists every flag the doc passes; a `--with` layer's file exists.
 */
export function checkPortside(text: string): string[] {
  const args = words(text);
  args.splice(0, args.indexOf('portside') + 1);
  let command: Command = program;
  for (;;) {
    const sub = command.commands.find((candidate) => candidate.name() === args[0]);
    if (!sub) break;
    command = sub;
    args.shift();
  }
  if (command === program && args[0] && !args[0].startsWith('-'))
    return [`portside has no command "${args[0]}"`];
  const help = command.helpInformation();
  const problems = flagsOf(args)
    .filter((flag) => !new RegExp(`(^|[\\s,])${escape(flag)}\\b`, 'm').test(help))
    .map((flag) => `portside ${command.name()} --help lists no ${flag}`);
  const layer = args[args.indexOf('--with') + 1];
  if (args.includes('--with') && !exists(`docker/compose.${layer}.yaml`))
    problems.push(`--with ${layer}: docker/compose.${layer}.yaml does not exist`);
  return problems;
}

export interface Ran {
  code: number;
  output: string;
}

const runs = new Map<string, Promise<Ran>>();

/** Runs a command in the repository once per test run (later calls share the result). */
export function runOnce(argv: string[], env: Record<string, string> = {}): Promise<Ran> {
  const key = JSON.stringify([argv, env]);
  let run = runs.get(key);
  if (!run) {
    run = new Promise<Ran>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), {
        cwd: REPO_ROOT,
        env: { ...process.env, NX_DAEMON: 'false', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
    runs.set(key, run);
  }
  return run;
}

/** Runs a command and names what is wrong: a failing exit, or text the output lacks. */
export async function ranWith(argv: string[], expected: (string | RegExp)[]): Promise<string[]> {
  const { code, output } = await runOnce(argv);
  if (code !== 0) return [`${argv.join(' ')} exited ${code}: ${output.slice(-400)}`];
  return expected
    .filter((text) => (typeof text === 'string' ? !output.includes(text) : !text.test(output)))
    .map((text) => `${argv.join(' ')} printed no ${text}`);
}

/**
 * `docker compose -f a -f b <subcommand> [service]`: the files merge into a valid project
 * (`config`, with Compose v2 or v1 as found here) that has the service the command names.
 */
export async function checkCompose(text: string): Promise<string[]> {
  const args = words(text);
  const files = args.flatMap((arg, i) => (args[i - 1] === '-f' ? [arg] : []));
  const compose = await detectCompose();
  const { code, output } = await runOnce([
    ...compose,
    ...files.flatMap((file) => ['-f', file]),
    'config',
    '--services',
  ]);
  if (code !== 0) return [`compose config of ${files.join(' + ')} failed: ${output.slice(-400)}`];
  const service = args[args.indexOf('exec') + 1];
  if (args.includes('exec') && !output.split('\n').includes(service!))
    return [`${files.join(' + ')} has no service ${service}`];
  return [];
}

let rendered: KubeObject[] | undefined;

/**
 * A kubectl command against the local overlay: the directory `-k` names renders, and every
 * object it names (`job/x`, `deployment/y`, `delete job a b`, `get hpa`) is in the render,
 * in the namespace `-n` names.
 */
export function checkKubectl(text: string): string[] {
  const args = words(text);
  const problems: string[] = [];
  const kustomization = args[args.indexOf('-k') + 1];
  if (args.includes('-k') && !exists(`${kustomization}/kustomization.yaml`))
    problems.push(`${kustomization} has no kustomization.yaml`);
  if (!args.includes('-n') || args[args.indexOf('-n') + 1] !== 'portside') return problems;
  rendered ??= renderKustomization(overlayDir('local'));
  const kinds: Record<string, string> = {
    job: 'Job',
    deployment: 'Deployment',
    service: 'Service',
    hpa: 'HorizontalPodAutoscaler',
    pods: 'Deployment',
  };
  const has = (kind: string, name?: string) =>
    rendered!.some(
      (o) =>
        o.kind === kinds[kind] &&
        o.metadata?.namespace === 'portside' &&
        (name === undefined || o.metadata?.name === name),
    );
  const named: [string, string | undefined][] = args.flatMap((arg) =>
    /^[a-z]+\/[a-z0-9-]+$/.test(arg) ? [arg.split('/') as [string, string]] : [],
  );
  const verb = args.findIndex((arg) => ['get', 'delete', 'restart'].includes(arg));
  const listed = verb >= 0 ? args.slice(verb + 2).filter((arg) => !arg.startsWith('-')) : [];
  if (verb >= 0 && !named.length)
    named.push(
      ...(listed.length ? listed : [undefined]).map(
        (name) => [args[verb + 1]!, name] as [string, string | undefined],
      ),
    );
  for (const [kind, name] of named)
    if (!has(kind, name))
      problems.push(`overlays/local renders no ${kind} ${name ?? ''} in portside`);
  return problems;
}
