import type { Stack } from './stack';

/** The layer's development token (compose.observability.yaml), as docs/observability.md uses it. */
const TOKEN = process.env['FAULT_SWITCHES_TOKEN'] ?? 'dev-only-fault-switches-token';
const PORTS = { catalog: 3001, cart: 3002, order: 3003 } as const;

/**
 * Turns fault switches on (or clears them with []) the way docs/observability.md
 * shows: the services' ports are not published, so the request is sent from
 * inside the stack, through the order service's container. Returns the status.
 */
export async function setFaults(
  stack: Stack,
  service: keyof typeof PORTS,
  faults: unknown[],
): Promise<number> {
  const init = {
    method: faults.length ? 'PUT' : 'DELETE',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(faults.length ? { body: JSON.stringify({ faults }) } : {}),
  };
  const script = `fetch(${JSON.stringify(`http://${service}:${PORTS[service]}/admin/faults`)},${JSON.stringify(init)}).then(r=>console.log(r.status))`;
  const out = await stack.compose(['exec', '-T', 'order', 'node', '-e', script], 60_000);
  return Number(out.trim());
}
