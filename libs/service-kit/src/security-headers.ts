import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers, worked out once at start instead of on every request:
 * with its defaults nothing in them depends on the request (no CSP nonces), and
 * rebuilding the policy per request was a visible share of a cached read's CPU.
 * helmet decides the headers; this only replays them.
 */
export function securityHeaders(options?: Parameters<typeof helmet>[0]): RequestHandler {
  const headers = headersSetBy(helmet(options));
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** What a middleware that only sets headers sets, run once against a recording response. */
function headersSetBy(middleware: ReturnType<typeof helmet>): Array<[string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set(name, String(value));
      return res;
    },
    removeHeader: (name: string) => headers.delete(name),
  };
  let finished = false;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('security headers: helmet did not finish synchronously');
  return [...headers];
}
