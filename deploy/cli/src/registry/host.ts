import net from 'node:net';
import { UsageError } from '../core/errors';

/** Docker Hub answers to several names; docker keeps its credentials under this one key. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Where the registry's HTTP API (v2) lives and whether it is spoken over TLS. */
export interface RegistryEndpoint {
  /** The registry as images name it: host or host:port. */
  host: string;
  /** Base URL of the API, without the /v2 suffix. */
  baseUrl: string;
  secure: boolean;
  /** PORTSIDE_INSECURE_REGISTRIES: the only non-loopback hosts credentials may reach over plain HTTP. */
  insecure?: InsecureRegistries;
}

/** Whether credentials may go to this URL: HTTPS, or plain HTTP to loopback or a host marked insecure. */
export function mayCarryCredentials(url: URL, insecure?: InsecureRegistries): boolean {
  if (url.protocol === 'https:') return true;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return (
    isLoopback(hostname) || Boolean(insecure?.includes(url.host) || insecure?.includes(hostname))
  );
}

/** "host:port", "host", "[::1]:5000" into the bare hostname (brackets removed) and the port, if any. */
export function splitHost(host: string): { hostname: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) return { hostname: bracketed[1] as string, port: bracketed[2] };
  const [hostname, port] = host.split(':');
  return { hostname: hostname ?? host, port };
}

/** What hostname docker would name in a config.json key: the scheme and any path are dropped. */
export function hostnameOfKey(key: string): string {
  const name = key.replace(/^https?:\/\//, '').split('/')[0] ?? '';
  return DOCKER_HUB_NAMES.has(name) ? 'index.docker.io' : name;
}

export const isDockerHub = (host: string) => DOCKER_HUB_NAMES.has(host);

/** The key docker's config.json and credential helpers use for a registry (docker login writes it). */
export const credentialKey = (host: string) => (isDockerHub(host) ? DOCKER_HUB_KEY : host);

/** Loopback hosts: Docker talks to them over plain HTTP without being told (127.0.0.0/8 is insecure by default). */
export function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '::1') return true;
  return net.isIPv4(hostname) && hostname.startsWith('127.');
}

/** The daemon's insecure-registries, as PORTSIDE_INSECURE_REGISTRIES lists them: host:port names and CIDR ranges. */
export class InsecureRegistries {
  private constructor(
    private readonly names: Set<string>,
    private readonly ranges: net.BlockList,
  ) {}

  static parse(value: string | undefined): InsecureRegistries {
    const names = new Set<string>();
    const ranges = new net.BlockList();
    for (const entry of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
      const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
      const family = cidr ? net.isIP(cidr[1] as string) : 0;
      if (cidr && family)
        ranges.addSubnet(cidr[1] as string, Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
      else if (/^(\[[0-9a-fA-F:.]+\]|[\w.-]+)(:\d+)?$/.test(entry)) names.add(entry);
      else {
        throw new UsageError(
          `PORTSIDE_INSECURE_REGISTRIES has "${entry}", which is neither host[:port] nor a CIDR range`,
          'list registries as host:port (no scheme) or ranges such as 10.0.0.0/8, separated by commas',
        );
      }
    }
    return new InsecureRegistries(names, ranges);
  }

  includes(host: string): boolean {
    if (this.names.has(host)) return true;
    const { hostname } = splitHost(host);
    const family = net.isIP(hostname);
    return family !== 0 && this.ranges.check(hostname, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/**
 * HTTPS for every registry, as Docker does, except loopback hosts and those marked insecure,
 * which are spoken to over plain HTTP.
 */
export function registryEndpoint(host: string, env: NodeJS.ProcessEnv): RegistryEndpoint {
  const { hostname } = splitHost(host);
  const insecure = InsecureRegistries.parse(env.PORTSIDE_INSECURE_REGISTRIES);
  const secure = !isLoopback(hostname) && !insecure.includes(host);
  // Docker Hub's API lives on its own name; Node may resolve "localhost" to ::1 first, where a
  // registry published on 127.0.0.1 is absent.
  const apiHost = isDockerHub(host)
    ? 'registry-1.docker.io'
    : host.replace(/^localhost(?=:|$)/, '127.0.0.1');
  return { host, baseUrl: `${secure ? 'https' : 'http'}://${apiHost}`, secure, insecure };
}
