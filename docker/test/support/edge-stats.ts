import { projectContainers, serviceOf } from './docker-inspect';
import { runOrThrow } from './run';

/** One server of an edge backend, as HAProxy's statistics (CSV) show it. */
export interface EdgeServer {
  name: string;
  /** host:port it forwards to; empty while the slot has no address. */
  addr: string;
  responses4xx: number;
}

/** The ingress container's address on the stack's public network: its stats port is not published. */
export async function ingressAddress(project: string): Promise<string> {
  const ingress = (await projectContainers(project)).find((c) => serviceOf(c) === 'ingress');
  const address = ingress?.NetworkSettings.Networks[`${project}_public`]?.IPAddress;
  if (!address) throw new Error('no ingress container on the public network');
  return address;
}

/** The servers of one backend of the edge that have an address, keyed by slot name. */
export async function edgeServers(
  ingress: string,
  backend: string,
): Promise<Map<string, EdgeServer>> {
  const csv = await (await fetch(`http://${ingress}:8404/stats;csv`)).text();
  const [head, ...rows] = csv.replace(/^# /, '').trim().split('\n');
  const columns = (head ?? '').split(',');
  const at = (row: string[], column: string) => row[columns.indexOf(column)] ?? '';
  const servers = new Map<string, EdgeServer>();
  for (const row of rows.map((line) => line.split(','))) {
    if (at(row, 'pxname') !== backend || ['FRONTEND', 'BACKEND'].includes(at(row, 'svname')))
      continue;
    if (!at(row, 'addr')) continue;
    const name = at(row, 'svname');
    servers.set(name, { name, addr: at(row, 'addr'), responses4xx: Number(at(row, 'hrsp_4xx')) });
  }
  return servers;
}

/** The addresses whose 4xx count grew between two snapshots. */
export function answeredBetween(
  before: Map<string, EdgeServer>,
  after: Map<string, EdgeServer>,
): Set<string> {
  const seen = new Set<string>();
  for (const [name, server] of after) {
    // A slot's counters outlive a change of its address: the difference is what it answered.
    if (server.responses4xx > (before.get(name)?.responses4xx ?? 0)) seen.add(server.addr);
  }
  return seen;
}

/** TCP connections a container's network namespace has accepted since it started (Tcp PassiveOpens). */
export async function acceptedConnections(containerId: string): Promise<number> {
  const snmp = await runOrThrow('docker', ['exec', containerId, 'cat', '/proc/net/snmp']);
  const [names, values] = snmp.split('\n').filter((line) => line.startsWith('Tcp:'));
  const index = (names ?? '').split(/\s+/).indexOf('PassiveOpens');
  const value = Number((values ?? '').split(/\s+/)[index]);
  if (index < 0 || !Number.isFinite(value)) throw new Error('no PassiveOpens in /proc/net/snmp');
  return value;
}
