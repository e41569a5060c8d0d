/** Why a request never got an answer, in words a person can act on. */
export interface NetworkFailure {
  kind: 'refused' | 'unreachable' | 'plain-http' | 'tls';
  reason: string;
}

/** fetch() wraps the socket's error in `cause`; Node's happy-eyeballs may wrap it once more in an AggregateError. */
function codeOf(error: unknown): { code: string; message: string } {
  let current = error as
    | { code?: string; message?: string; cause?: unknown; errors?: unknown[]; name?: string }
    | undefined;
  // Without a code, the innermost message says the most ("bad port" rather than "fetch failed").
  let message = current?.message ?? String(error);
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.name === 'TimeoutError') return { code: 'TIMEOUT', message: current.message ?? '' };
    if (current.code && current.code !== 'UND_ERR_SOCKET')
      return { code: current.code, message: current.message ?? '' };
    message = current.message ?? message;
    current = (current.cause ?? current.errors?.[0]) as typeof current;
  }
  return { code: '', message };
}

export function describeNetworkFailure(error: unknown): NetworkFailure {
  const { code, message } = codeOf(error);
  if (code === 'ECONNREFUSED') return { kind: 'refused', reason: 'connection refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { kind: 'unreachable', reason: 'its name does not resolve' };
  if (code === 'TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return { kind: 'unreachable', reason: 'no answer in time' };
  // OpenSSL's answer when the other end replies to a TLS hello with plain HTTP.
  if (/WRONG_VERSION_NUMBER|wrong version number|HTTP_REQUEST/i.test(`${code} ${message}`))
    return { kind: 'plain-http', reason: 'it answers plain HTTP, not TLS' };
  if (/CERT|SSL|TLS|EPROTO|SIGNATURE/.test(code))
    return { kind: 'tls', reason: `${code}: ${message}` };
  return { kind: 'unreachable', reason: code ? `${code}: ${message}` : message };
}
