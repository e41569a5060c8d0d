import { UsageError } from '../core/errors';
import { CLUSTER_SCOPED, refOf, type KubeObject } from './kube';

/** The label every namespace carries with its own name; what namespaceSelectors use to name one. */
const NAME_LABEL = 'kubernetes.io/metadata.name';

export interface NamespaceMove {
  objects: KubeObject[];
  /** One line per value that named the manifests' namespace and now names the target. */
  rewrites: string[];
  /** Values that still name the manifests' namespace: addresses of Services the manifests do not hold. */
  leftovers: string[];
}

/** The namespace the manifests were rendered into: their Namespace object and their objects' metadata.namespace. */
export function manifestsNamespace(objects: KubeObject[]): string | undefined {
  const named = new Set<string>();
  for (const object of objects) {
    if (object.kind === 'Namespace') named.add(object.metadata.name);
    else if (object.metadata.namespace && !CLUSTER_SCOPED.has(object.kind))
      named.add(object.metadata.namespace);
  }
  if (named.size > 1) {
    throw new UsageError(
      `the manifests span several namespaces (${[...named].sort().join(', ')}); portside deploys into one`,
      'render them into one namespace (kustomization.yaml `namespace:`)',
    );
  }
  return [...named][0];
}

/**
 * Moves the manifests into `target`. Besides metadata.namespace, every value that names the
 * manifests' own namespace is rewritten: the Namespace object itself (so the target is created
 * with its labels), addresses of the manifests' Services (`<svc>.<ns>.svc[.cluster.local]`,
 * `<pod>.<svc>.<ns>.svc...`, and `<svc>.<ns>` where it stands as a host), Secret values,
 * namespaceSelectors that pick it by its name label, `namespace:` fields of references (RBAC
 * subjects, webhook services) and affinity terms' `namespaces`.
 */
export function intoNamespace(objects: KubeObject[], target: string): NamespaceMove {
  const source = manifestsNamespace(objects);
  const placed = objects.map((object) =>
    CLUSTER_SCOPED.has(object.kind)
      ? object
      : { ...object, metadata: { ...object.metadata, namespace: target } },
  );
  if (!source || source === target) return { objects: placed, rewrites: [], leftovers: [] };

  const services = objects
    .filter((object) => object.kind === 'Service')
    .map((object) => object.metadata.name);
  const rewriter = new NamespaceRewriter(source, target, services);
  const moved = placed.map((object) => rewriter.object(object));
  return { objects: moved, rewrites: rewriter.rewrites, leftovers: rewriter.leftovers };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class NamespaceRewriter {
  readonly rewrites: string[] = [];
  readonly leftovers: string[] = [];
  private readonly qualified?: RegExp;
  private readonly short?: RegExp;
  private readonly stray: RegExp;

  constructor(
    private readonly source: string,
    private readonly target: string,
    services: string[],
  ) {
    const ns = escape(source);
    if (services.length > 0) {
      const names = services.map(escape).join('|');
      // A Service's DNS name, also as the tail of a pod's (`postgres-0.postgres.<ns>.svc`).
      this.qualified = new RegExp(`(?<![a-z0-9-])(${names})\\.${ns}\\.svc(?![a-z0-9-])`, 'g');
      // `<svc>.<ns>` only where it stands as a host: after a scheme, `@`, `=` or a separator, before a port, a path or the end.
      this.short = new RegExp(`(?<=^|[\\s/@=,;"'])(${names})\\.${ns}(?=$|[:/\\s,;"'])`, 'g');
    }
    this.stray = new RegExp(`[a-z0-9-]+\\.${ns}\\.svc(?![a-z0-9-])`);
  }

  object(object: KubeObject): KubeObject {
    const ref = refOf(object);
    if (object.kind === 'Namespace' && object.metadata.name === this.source) {
      this.rewrites.push(`${ref}: applied as Namespace/${this.target}, with its labels`);
      return { ...object, metadata: { ...object.metadata, name: this.target } };
    }
    const { metadata, ...rest } = object;
    const { name, namespace, ...meta } = metadata;
    const body = this.walk(rest, [], ref) as Pick<KubeObject, 'apiVersion' | 'kind'>;
    return {
      ...body,
      metadata: {
        name,
        ...(namespace ? { namespace } : {}),
        ...(this.walk(meta, ['metadata'], ref) as object),
      },
    };
  }

  private walk(node: unknown, path: (string | number)[], ref: string): unknown {
    if (typeof node === 'string') return this.text(node, path, ref);
    if (Array.isArray(node)) {
      const key = path.at(-1);
      // Pod affinity terms name namespaces in a list.
      if (key === 'namespaces')
        return node.map((item, index) => this.namespaceName(item, [...path, index], ref));
      return node.map((item, index) => this.walk(item, [...path, index], ref));
    }
    if (!node || typeof node !== 'object') return node;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'namespace') result[key] = this.namespaceName(value, [...path, key], ref);
      else if (key === 'namespaceSelector') result[key] = this.selector(value, [...path, key], ref);
      else if (key === 'data' && path.length === 0 && ref.startsWith('Secret/'))
        result[key] = this.secretData(value as Record<string, string>, ref);
      else result[key] = this.walk(value, [...path, key], ref);
    }
    return result;
  }

  private text(value: string, path: (string | number)[], ref: string): string {
    let next = value;
    if (this.qualified) next = next.replace(this.qualified, `$1.${this.target}.svc`);
    if (this.short) next = next.replace(this.short, `$1.${this.target}`);
    if (next !== value)
      this.rewrites.push(
        `${ref} ${format(path)}: ${ref.startsWith('Secret/') ? 'rewritten (a Secret: value not shown)' : `${value} -> ${next}`}`,
      );
    const stray = this.stray.exec(next)?.[0];
    if (stray)
      this.leftovers.push(
        `${ref} ${format(path)} still names namespace ${this.source} (${stray}: no such Service in the manifests)`,
      );
    return next;
  }

  private namespaceName(value: unknown, path: (string | number)[], ref: string): unknown {
    if (value !== this.source) return value;
    this.rewrites.push(`${ref} ${format(path)}: ${this.source} -> ${this.target}`);
    return this.target;
  }

  /** A LabelSelector (or a monitoring-style selector with matchNames) that picks namespaces. */
  private selector(value: unknown, path: (string | number)[], ref: string): unknown {
    if (!value || typeof value !== 'object') return value;
    const selector = structuredClone(value) as {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; values?: string[] }[];
      matchNames?: string[];
    };
    if (selector.matchLabels?.[NAME_LABEL] !== undefined) {
      selector.matchLabels[NAME_LABEL] = this.namespaceName(
        selector.matchLabels[NAME_LABEL],
        [...path, 'matchLabels', NAME_LABEL],
        ref,
      ) as string;
    }
    selector.matchExpressions?.forEach((expression, index) => {
      if (expression.key === NAME_LABEL && expression.values) {
        expression.values = expression.values.map(
          (item, at) =>
            this.namespaceName(
              item,
              [...path, 'matchExpressions', index, 'values', at],
              ref,
            ) as string,
        );
      }
    });
    if (selector.matchNames)
      selector.matchNames = selector.matchNames.map(
        (item, at) => this.namespaceName(item, [...path, 'matchNames', at], ref) as string,
      );
    return selector;
  }

  /** Secret values are base64: read as text, rewritten, encoded again; never printed. */
  private secretData(data: Record<string, string>, ref: string): Record<string, string> {
    return Object.fromEntries(
      Object.entries(data).map(([key, encoded]) => {
        const decoded = Buffer.from(encoded, 'base64');
        const text = decoded.toString('utf8');
        if (!Buffer.from(text, 'utf8').equals(decoded)) return [key, encoded]; // binary: nothing to rewrite
        const next = this.text(text, ['data', key], ref);
        return [key, next === text ? encoded : Buffer.from(next, 'utf8').toString('base64')];
      }),
    );
  }
}

const format = (path: (string | number)[]) =>
  path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
