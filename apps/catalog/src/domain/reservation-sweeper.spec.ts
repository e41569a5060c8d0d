import { createLogger } from '@portside/service-kit';
import { startReservationSweeper } from './reservation-sweeper';

const logger = createLogger({ name: 'sweeper-spec', level: 'silent' });

describe('the reservation sweeper', () => {
  it('sweeps on its interval and waits for a sweep in progress when stopped', async () => {
    let sweeps = 0;
    let finishSweep: () => void = () => undefined;
    let signalStarted: () => void = () => undefined;
    const firstSweepStarted = new Promise<void>((started) => {
      signalStarted = started;
    });
    const sweeper = startReservationSweeper(
      () => {
        sweeps++;
        signalStarted();
        return new Promise<number>((resolve) => {
          finishSweep = () => resolve(1);
        });
      },
      5,
      logger,
    );
    await firstSweepStarted;

    let stopped = false;
    const stopping = sweeper.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishSweep();
    await stopping;
    expect(stopped).toBe(true);
    // A slow sweep is never overlapped by the next tick.
    expect(sweeps).toBe(1);
  });

  it('keeps sweeping after a failed sweep', async () => {
    let calls = 0;
    await new Promise<void>((done) => {
      const sweeper = startReservationSweeper(
        async () => {
          calls++;
          if (calls === 1) throw new Error('database away');
          void sweeper.stop().then(done);
          return 0;
        },
        5,
        logger,
      );
    });
    expect(calls).toBe(2);
  });
});
