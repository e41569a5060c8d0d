import { createHash } from 'node:crypto';

/**
 * Cache keys embed a version that every write bumps: invalidating the whole
 * read cache is one INCR, and entries of old versions simply age out.
 */
export class CacheKeys {
  constructor(private readonly prefix: string) {}

  get version(): string {
    return `${this.prefix}catalog:cache-version`;
  }

  entry(version: string, name: string, params: unknown = null): string {
    const digest = createHash('sha1').update(stableJson(params)).digest('base64url');
    return `${this.prefix}catalog:v${version}:${name}:${digest}`;
  }
}

/** JSON with object keys sorted, so equal queries make equal keys whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
