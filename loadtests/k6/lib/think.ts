import { sleep } from 'k6';
import { THINK_TIME_FACTOR } from './config.ts';

/** A person reading the page: a random pause between min and max seconds. */
export function think(minSeconds: number, maxSeconds: number): void {
  if (THINK_TIME_FACTOR <= 0) return;
  sleep((minSeconds + Math.random() * (maxSeconds - minSeconds)) * THINK_TIME_FACTOR);
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}
