import { isDependencyFailure } from './dependency-failure';

describe('isDependencyFailure', () => {
  it.each([
    ['an ioredis command timeout', new Error('Command timed out')],
    ['a node-postgres connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a node-postgres read timeout', new Error('Query read timeout')],
    [
      'a statement cancelled by statement_timeout',
      Object.assign(new Error('x'), { code: '57014' }),
    ],
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['a full Redis', new Error('OOM command not allowed when used memory > maxmemory.')],
    [
      'one wrapped by Prisma',
      new Error('driver error', { cause: new Error('Query read timeout') }),
    ],
  ])('recognises %s', (_name, err) => {
    expect(isDependencyFailure(err)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['not an error at all', 'timeout'],
  ])('leaves %s alone', (_name, err) => {
    expect(isDependencyFailure(err)).toBe(false);
  });
});
