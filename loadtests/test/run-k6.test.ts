import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { K6ProgressEvent } from '../src/progress';
import { runK6 } from '../src/run';

/*
 * k6 cannot be installed on this machine, so these tests drive runK6's process handling with
 * a stand-in executable that behaves as k6 does at its edges: a status line on stderr, the
 * summary files written where SUMMARY_DIR says, the summary on stdout, exit code 99 when
 * thresholds were crossed. The real k6 run is described in the README.
 */
const STAND_IN = `#!/bin/sh
for a in "$@"; do case "$a" in SUMMARY_DIR=*) dir="\${a#SUMMARY_DIR=}";; esac; done
echo "running (0m01.0s), 01/04 VUs, 3 complete and 0 interrupted iterations" >&2
echo '{"metrics":{}}' > "$dir/k6-summary-smoke.json"
echo 'RESULT: SLOs missed' > "$dir/k6-summary-smoke.txt"
echo 'RESULT: SLOs missed'
exit 99
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portside-runk6-'));
  writeFileSync(join(dir, 'k6'), STAND_IN);
  chmodSync(join(dir, 'k6'), 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runK6', () => {
  it('streams k6 output and progress, creates the summary directory and reports missed SLOs', async () => {
    const events: K6ProgressEvent[] = [];
    const summaryDir = join(dir, 'releases', 'abc123');
    const result = await runK6({
      profile: 'smoke',
      baseUrl: 'http://127.0.0.1:8080',
      summaryDir,
      k6Path: join(dir, 'k6'),
      onProgress: (e) => events.push(e),
    });

    expect(result).toMatchObject({ outcome: 'slos-missed', exitCode: 99, runner: 'local' });
    expect(readFileSync(result.summaryText, 'utf8')).toBe('RESULT: SLOs missed\n');
    expect(existsSync(result.summaryJson)).toBe(true);
    expect(events[0]).toMatchObject({ type: 'start', runner: 'local' });
    expect(events).toContainEqual({
      type: 'output',
      stream: 'stdout',
      line: 'RESULT: SLOs missed',
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'progress', completed: 3, maxVUs: 4 }),
    );
    expect(events.at(-1)).toEqual({ type: 'end', exitCode: 99 });
  });

  it('fails with the reason when k6 cannot be started', async () => {
    await expect(
      runK6({
        profile: 'smoke',
        baseUrl: 'http://127.0.0.1:8080',
        summaryDir: dir,
        k6Path: join(dir, 'missing-k6'),
      }),
    ).rejects.toThrow(`could not start ${join(dir, 'missing-k6')}`);
  });
});
