import { KubeObject, LabelSelector, podTemplates, selects } from './rendered';

/** Something that sends or receives traffic: a pod (in some namespace) or an address outside the cluster. */
export interface Peer {
  id: string;
  namespace?: string;
  namespaceLabels?: Record<string, string>;
  labels?: Record<string, string>;
  ip?: string;
  ports: { port: number; protocol: string }[];
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyRule {
  ports?: { port?: number; protocol?: string; endPort?: number }[];
  from?: PolicyPeer[];
  to?: PolicyPeer[];
}
interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes: ('Ingress' | 'Egress')[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

/** The pods an overlay runs in its namespace, as peers with their container ports. */
export function podPeers(objects: readonly KubeObject[]): Peer[] {
  const namespace = objects.find((o) => o.kind === 'Namespace')!;
  return podTemplates(objects).map(({ owner, template }) => ({
    id: owner.metadata.name,
    namespace: namespace.metadata.name,
    namespaceLabels: {
      ...namespace.metadata.labels,
      'kubernetes.io/metadata.name': namespace.metadata.name,
    },
    labels: template.metadata.labels,
    ports: template.spec.containers.flatMap((c) =>
      (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    ),
  }));
}

/**
 * Every (source, destination, port) the NetworkPolicies allow, as "src -> dst:port/proto".
 * A connection needs the source's egress and the destination's ingress; a pod
 * no policy isolates in a direction is open in that direction, as in Kubernetes.
 * Pairs with neither end in `namespace` are left out.
 */
export function allowedConnections(
  objects: readonly KubeObject[],
  peers: readonly Peer[],
  namespace: string,
): string[] {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const allowed: string[] = [];
  for (const source of peers) {
    for (const destination of peers) {
      // Only connections with an end in our namespace are this overlay's business.
      if (
        source === destination ||
        (source.namespace !== namespace && destination.namespace !== namespace)
      )
        continue;
      for (const { port, protocol } of destination.ports) {
        if (
          permits(policies, 'Egress', source, destination, port, protocol) &&
          permits(policies, 'Ingress', destination, source, port, protocol)
        ) {
          allowed.push(`${source.id} -> ${destination.id}:${port}/${protocol}`);
        }
      }
    }
  }
  return allowed.sort();
}

/** Whether `subject`'s policies of this direction let it talk to `other` (on the destination's port). */
function permits(
  policies: KubeObject[],
  direction: 'Ingress' | 'Egress',
  subject: Peer,
  other: Peer,
  port: number,
  protocol: string,
): boolean {
  if (subject.namespace === undefined) return true; // outside the cluster: not ours to police
  const governing = policies.filter((p) => {
    const spec = p.spec as PolicySpec;
    return (
      p.metadata.namespace === subject.namespace &&
      spec.policyTypes.includes(direction) &&
      selects(spec.podSelector, subject.labels ?? {})
    );
  });
  if (governing.length === 0) return true;
  return governing.some((p) => {
    const spec = p.spec as PolicySpec;
    const rules = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
    return rules.some((rule) => {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk =
        !peers ||
        peers.length === 0 ||
        peers.some((peer) => matchesPeer(peer, other, p.metadata.namespace!));
      const portOk =
        !rule.ports ||
        rule.ports.some(
          (p) =>
            (p.protocol ?? 'TCP') === protocol &&
            (p.port === undefined ||
              (p.endPort ? port >= p.port && port <= p.endPort : port === p.port)),
        );
      return peerOk && portOk;
    });
  });
}

function matchesPeer(peer: PolicyPeer, other: Peer, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    return (
      other.ip !== undefined &&
      inCidr(other.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((cidr) => inCidr(other.ip!, cidr))
    );
  }
  if (other.namespace === undefined) return false; // selectors only ever match pods
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, other.namespaceLabels ?? {})
    : other.namespace === policyNamespace;
  const podOk = peer.podSelector ? selects(peer.podSelector, other.labels ?? {}) : true;
  return namespaceOk && podOk;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/') as [string, string];
  const toInt = (address: string) =>
    address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base) / size);
}
