import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../core/errors';
import { hostnameOfKey } from './host';

const authEntry = z.looseObject({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
});

const dockerConfig = z.looseObject({
  auths: z.record(z.string(), authEntry).optional(),
  credsStore: z.string().optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
});

export type AuthEntry = z.infer<typeof authEntry>;
export type DockerConfig = z.infer<typeof dockerConfig>;

/** The docker CLI's config.json ($DOCKER_CONFIG/config.json, else ~/.docker/config.json); undefined when there is none. */
export function readDockerConfig(
  env: NodeJS.ProcessEnv,
): { file: string; config: DockerConfig } | undefined {
  const file = path.join(
    env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker'),
    'config.json',
  );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(
      `cannot read ${file}: ${(error as Error).message}`,
      'fix its permissions, or point DOCKER_CONFIG at another folder',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${(error as Error).message})`,
      'fix it, or point DOCKER_CONFIG at another folder',
    );
  }
  const parsed = dockerConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file} has an unexpected ${issue?.path.join('.') || 'shape'}: ${issue?.message}`,
      'fix it, or point DOCKER_CONFIG at another folder',
    );
  }
  return { file, config: parsed.data };
}

/**
 * The entry of a map keyed by registry (auths, credHelpers) that docker would use for `key`:
 * the exact key first, else any key naming the same host ("https://host/v1/", "http://host", "host").
 */
export function entryFor<T>(entries: Record<string, T> | undefined, key: string): T | undefined {
  if (!entries) return undefined;
  if (key in entries) return entries[key];
  const wanted = hostnameOfKey(key);
  const match = Object.keys(entries).find((candidate) => hostnameOfKey(candidate) === wanted);
  return match === undefined ? undefined : entries[match];
}
