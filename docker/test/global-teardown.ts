import { compose, currentStack } from './support/stack';

/** Always runs after the suites, passed or failed: nothing of the stack is left behind. */
export default async function globalTeardown(): Promise<void> {
  const stack = currentStack();
  await compose(stack, ['down', '-v', '--remove-orphans', '-t', '20'], { timeoutMs: 180_000 });
}
