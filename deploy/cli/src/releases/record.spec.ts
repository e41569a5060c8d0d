import { byStart, nextReleaseId, type Release } from './record';

const release = (id: string, time: string): Release => ({
  id,
  time,
  target: 'compose',
  gitSha: 'abc1234',
  services: {},
  outcome: 'succeeded',
});

describe('release numbers', () => {
  it('go on from the highest on the target, whoever deployed it', () => {
    expect(nextReleaseId([], '1a2b3c4d5e')).toBe('r1-1a2b3c4');
    expect(
      nextReleaseId([release('r9-aaaaaaa', 't'), release('r10-bbbbbbb', 't')], '1a2b3c4'),
    ).toBe('r11-1a2b3c4');
  });

  it('order the history even when the machines that deployed disagree about the time', () => {
    const skewed = [
      release('r10-b', '2026-01-01T09:00:00.000Z'),
      release('r2-a', '2026-01-01T10:00:00.000Z'),
      release('r9-c', '2026-01-01T11:00:00.000Z'),
    ];
    expect([...skewed].sort(byStart).map((entry) => entry.id)).toEqual(['r2-a', 'r9-c', 'r10-b']);
  });
});
