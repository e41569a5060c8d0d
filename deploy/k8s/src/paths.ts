import { join } from 'node:path';

/** The overlays this package ships, by name. */
export const OVERLAYS = ['local', 'production', 'local-observability'] as const;
export type OverlayName = (typeof OVERLAYS)[number];

/** The directory `kubectl apply -k` takes for an overlay. */
export function overlayDir(overlay: OverlayName): string {
  return join(__dirname, '..', 'overlays', overlay);
}
