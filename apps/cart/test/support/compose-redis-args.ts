import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const COMPOSE = path.resolve(__dirname, '../../../../docker/compose.yaml');

/**
 * The Redis server options of the Compose stack (docker/compose.yaml), with
 * `${VAR...}` interpolated from `values`: tests run Redis as the stack does.
 */
export function composeRedisArgs(values: Record<string, string>): string[] {
  const compose = parse(readFileSync(COMPOSE, 'utf8')) as {
    services: { redis: { command?: string } };
  };
  // Compose interpolates variables, then splits a string command into words.
  const command = (compose.services.redis.command ?? '').replace(
    /\$\{(\w+)[^}]*\}/g,
    (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no test value for ${name}`);
      return value;
    },
  );
  return command.split(/\s+/).filter(Boolean);
}

/** The same options with one replaced, e.g. a smaller --maxmemory. */
export function withOption(args: string[], option: string, value: string): string[] {
  const at = args.indexOf(option);
  if (at < 0) throw new Error(`compose.yaml gives Redis no ${option}`);
  return [...args.slice(0, at + 1), value, ...args.slice(at + 2)];
}
