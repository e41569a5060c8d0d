import type { CommandContext } from '../core/context';
import { Ledger } from '../core/ledger';
import { createRecordingReporter } from '../core/reporter';
import type { DockerEngine } from '../docker/engine';

/**
 * What a command test runs a command with: the ledger in `root`, a reporter that records, a
 * workspace with no apps and an empty environment; `overrides` swaps any part.
 */
export function fakeContext(
  root: string,
  docker: DockerEngine,
  overrides: Partial<CommandContext> = {},
): CommandContext {
  return {
    root,
    reporter: createRecordingReporter(),
    docker,
    ledger: Ledger.at(root),
    workspace: { root, deployables: async () => [], affected: async () => [] },
    env: {},
    ...overrides,
  };
}
