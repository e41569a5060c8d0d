import { dockerodeEngine } from '../docker/dockerode-engine';
import type { DockerEngine } from '../docker/engine';
import { Ledger } from './ledger';
import type { Reporter } from './reporter';
import { findRepoRoot, nxWorkspace, type Workspace } from './workspace';

/** What every command works with; tests swap any part for a fake. */
export interface CommandContext {
  root: string;
  reporter: Reporter;
  docker: DockerEngine;
  ledger: Ledger;
  workspace: Workspace;
  env: NodeJS.ProcessEnv;
}

export function defaultContext(
  reporter: Reporter,
  overrides: Partial<CommandContext> = {},
): CommandContext {
  const root = overrides.root ?? findRepoRoot();
  const env = overrides.env ?? process.env;
  return {
    root,
    reporter,
    docker: overrides.docker ?? dockerodeEngine(),
    ledger: overrides.ledger ?? Ledger.at(root, env),
    workspace: overrides.workspace ?? nxWorkspace(root),
    env,
  };
}
