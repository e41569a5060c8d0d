import { currentRelease, Ledger, rollbackTarget, type Release } from './ledger';

const release = (
  id: string,
  digest: string,
  outcome: Release['outcome'] = 'succeeded',
  target: Release['target'] = 'compose',
): Release => ({
  id,
  time: '2026-01-01T00:00:00.000Z',
  target,
  gitSha: 'abc',
  services: { catalog: { image: `r/portside/catalog@${digest}`, digest } },
  outcome,
});

describe('choosing a release to roll back to', () => {
  const releases = [
    release('r1', 'sha256:1'),
    release('r2', 'sha256:2'),
    release('r3', 'sha256:3', 'failed'),
    release('r4', 'sha256:9', 'succeeded', 'k8s'),
  ];

  it('takes the newest successful release on the target as the current one', () => {
    expect(currentRelease(releases, 'compose')?.id).toBe('r2');
    expect(currentRelease(releases, 'k8s')?.id).toBe('r4');
  });

  it('goes back to the previous successful release that runs something different', () => {
    expect(rollbackTarget(releases, 'compose')?.id).toBe('r1');
    expect(rollbackTarget([...releases, release('r5', 'sha256:2')], 'compose')?.id).toBe('r1');
  });

  it('takes a named release as it is, and finds nothing when there is no earlier one', () => {
    expect(rollbackTarget(releases, 'compose', 'r3')?.id).toBe('r3');
    expect(rollbackTarget([release('r1', 'sha256:1')], 'compose')).toBeUndefined();
  });
});

describe('where the ledger lives', () => {
  it('is .portside/releases.json at the repository root unless PORTSIDE_STATE_DIR moves it', () => {
    expect(Ledger.at('/repo').file).toBe('/repo/.portside/releases.json');
    expect(Ledger.at('/repo', { PORTSIDE_STATE_DIR: '/var/lib/portside' }).file).toBe(
      '/var/lib/portside/releases.json',
    );
    expect(Ledger.at('/repo', { PORTSIDE_STATE_DIR: 'ci-state' }).file).toBe(
      '/repo/ci-state/releases.json',
    );
  });
});
