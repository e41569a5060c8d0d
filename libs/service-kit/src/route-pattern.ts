import type { Express, Request } from 'express';

interface Layer {
  path?: string;
  match(path: string): boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/**
 * The route pattern (e.g. /api/products/:idOrSlug) that would answer a
 * request, found before routing runs: so a request a fault switch answers
 * early is still labelled by its route in the metrics and the SLOs.
 */
export function routePatternOf(app: Express, req: Request): string | undefined {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return find(router.stack, req.path, req.method.toLowerCase(), '');
}

function find(stack: Layer[], path: string, method: string, base: string): string | undefined {
  for (const layer of stack) {
    if (!layer.match(path)) continue;
    if (layer.route) {
      if (layer.route.methods[method] || layer.route.methods['_all'])
        return base + layer.route.path;
    } else if (layer.handle.stack) {
      // A mounted router: it sees the path without the part its mount matched.
      const mount = layer.path ?? '';
      const found = find(layer.handle.stack, path.slice(mount.length) || '/', method, base + mount);
      if (found) return found;
    }
  }
  return undefined;
}
