/**
 * Stand-in for @portside/http-client with the same API, until that library
 * lands; then this file is deleted and the import switched.
 */
import { AppError, currentRequestId, type Logger } from '@portside/service-kit';

export interface HttpClientOptions {
  name: string;
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  logger: Logger;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  retry?: boolean;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const attempt = async (req: HttpRequest): Promise<HttpResponse> => {
    const url = new URL(req.path, opts.baseUrl);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const requestId = currentRequestId();
    const res = await fetch(url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${opts.name} answered ${res.status}`);
    const isJson = /json/.test(res.headers.get('content-type') ?? '');
    return { status: res.status, body: isJson && text ? JSON.parse(text) : text, headers: res.headers };
  };

  return {
    async request(req) {
      const attempts = req.retry ? opts.retries + 1 : 1;
      let lastError: unknown;
      for (let n = 0; n < attempts; n++) {
        if (n > 0) await sleep(backoffMs(n));
        try {
          return await attempt(req);
        } catch (err) {
          lastError = err;
          opts.logger.warn({ err, target: opts.name, path: req.path, attempt: n + 1 }, 'outbound call failed');
        }
      }
      throw new AppError('unavailable', `The ${opts.name} service is unavailable`, {
        code: `${opts.name}_unavailable`,
        cause: lastError,
      });
    },
  };
}

/** Exponential backoff with jitter: 50 ms, 100 ms, 200 ms... each up to half again. */
const backoffMs = (retry: number) => 50 * 2 ** (retry - 1) * (1 + Math.random() / 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
