/**
 * Errors that mean a database or Redis did not answer (paused, down, cut off,
 * too slow) rather than a bug: they become 503, so callers retry elsewhere
 * or later, instead of a 500.
 */
const DEPENDENCY_MESSAGES = [
  // ioredis
  /^Command timed out$/,
  /^Connection is closed\.?$/,
  /Stream isn't writeable/,
  /Reached the max retries per request limit/,
  /^OOM command not allowed/,
  // node-postgres
  /timeout exceeded when trying to connect/i,
  /^Query read timeout$/,
  /^Connection terminated/,
  /^Client has encountered a connection error/,
  /canceling statement due to statement timeout/,
  // Prisma
  /Can't reach database server/,
  /Timed out fetching a new connection from the connection pool/,
  /Server has closed the connection/,
];

/** Socket errors, PostgreSQL's query_canceled and admin_shutdown / cannot_connect_now / too_many_connections. */
const DEPENDENCY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57014',
  '57P01',
  '57P03',
  '53300',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
]);

export function isDependencyFailure(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  const { message, code, name, cause } = err as {
    message?: unknown;
    code?: unknown;
    name?: unknown;
    cause?: unknown;
  };
  if (name === 'MaxRetriesPerRequestError') return true;
  if (typeof code === 'string' && DEPENDENCY_CODES.has(code)) return true;
  if (typeof message === 'string' && DEPENDENCY_MESSAGES.some((re) => re.test(message))) {
    return true;
  }
  return isDependencyFailure(cause, depth + 1);
}
