import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeApiStandIn } from './kube-api-stand-in';
import { runCli, type CliResult } from './run-cli';

export const digest = (fill: string) => `sha256:${fill.repeat(64)}`;

export interface KubeWorkspace {
  root: string;
  kubeconfig: string;
  /** Records a push of every app at `version` (digest `sha256:<version x 64>`), as `portside push` would. */
  pushed(version: string): void;
  releases(): { target: string; outcome: string; namespace?: string }[];
  cli(args: string[], env?: Record<string, string>): Promise<CliResult>;
  remove(): void;
}

/** An empty workspace with a ledger, and a kubeconfig whose one context ("stand-in") points at the API stand-in. */
export function kubeWorkspace(api: KubeApiStandIn, contextNamespace: string): KubeWorkspace {
  const root = mkdtempSync(path.join(os.tmpdir(), 'portside-k8s-'));
  writeFileSync(path.join(root, 'nx.json'), '{}');
  mkdirSync(path.join(root, '.portside'));
  const ledgerFile = path.join(root, '.portside/releases.json');
  writeFileSync(ledgerFile, JSON.stringify({ builds: {}, pushes: {}, releases: [] }));
  const kubeconfig = path.join(root, 'kubeconfig.yaml');
  writeFileSync(kubeconfig, api.kubeconfig(contextNamespace));

  return {
    root,
    kubeconfig,
    pushed: (version) => {
      const entry = (app: string) => ({
        app,
        registry: 'localhost:5000',
        repository: `portside/${app}`,
        tag: version,
        digest: digest(version),
        imageId: digest(version),
        pushedAt: new Date().toISOString(),
      });
      const ledger = JSON.parse(readFileSync(ledgerFile, 'utf8'));
      ledger.pushes = Object.fromEntries(
        ['api', 'greeter', 'catalog', 'cart', 'order', 'storefront'].map((app) => [
          app,
          entry(app),
        ]),
      );
      writeFileSync(ledgerFile, JSON.stringify(ledger));
    },
    releases: () => JSON.parse(readFileSync(ledgerFile, 'utf8')).releases,
    cli: (args, env = {}) => runCli(args, { cwd: root, env: { KUBECONFIG: kubeconfig, ...env } }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
