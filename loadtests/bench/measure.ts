import autocannon, { type Options, type Result } from 'autocannon';

/** autocannon's warm-up runs first and is left out of the result; its typings predate the option. */
export type MeasureOptions = Options & { warmup?: { connections: number; duration: number } };

export function measure(opts: MeasureOptions): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts as Options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}
