import { createHash } from 'node:crypto';
import type { CacheScope } from '../domain/ports';

/**
 * Cache keys embed version numbers that writes bump: invalidating every
 * cached read of a scope is one INCR, and entries of old versions age out.
 */
export class CacheKeys {
  constructor(private readonly prefix: string) {}

  version(scope: CacheScope): string {
    return `${this.prefix}catalog:version:${scope}`;
  }

  entry(version: string, name: string, params: unknown = null): string {
    return this.entryOf(version, name, digestOf(params));
  }

  /** As entry, with the params already digested (one hash per read that needs several keys). */
  entryOf(version: string, name: string, digest: string): string {
    return `${this.prefix}catalog:v${version}:${name}:${digest}`;
  }

  /**
   * The one rendered answer kept per value, across versions: it carries the
   * versions it was rendered at inside, so a reader finds it in the same
   * round trip as the current versions.
   */
  rendered(name: string, digest: string): string {
    return `${this.prefix}catalog:rendered:${name}:${digest}`;
  }
}

/** Names a query's params in a key: equal for equal queries whatever their key order. */
export const digestOf = (params: unknown = null): string =>
  createHash('sha1').update(stableJson(params)).digest('base64url');

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
