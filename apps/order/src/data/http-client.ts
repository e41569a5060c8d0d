// Stand-in with the exact API of @portside/http-client until that library lands; then this file goes.
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
  return {
    async request(req) {
      const url = new URL(req.path, opts.baseUrl);
      for (const [k, v] of Object.entries(req.query ?? {})) {
        if (v !== undefined) url.searchParams.set(k, String(v));
      }
      const attempts = 1 + ((req.retry ?? req.method === 'GET') ? opts.retries : 0);
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const headers: Record<string, string> = { accept: 'application/json' };
          const requestId = currentRequestId();
          if (requestId) headers['x-request-id'] = requestId;
          if (req.body !== undefined) headers['content-type'] = 'application/json';
          const res = await fetch(url, {
            method: req.method,
            headers,
            body: req.body === undefined ? undefined : JSON.stringify(req.body),
            signal: AbortSignal.timeout(opts.timeoutMs),
          });
          const text = await res.text();
          const body = text ? safeJson(text) : undefined;
          if (res.status < 500) return { status: res.status, body, headers: res.headers };
          lastError = new Error(`${opts.name} answered ${res.status}`);
        } catch (err) {
          lastError = err;
        }
      }
      opts.logger.warn({ err: lastError, upstream: opts.name, path: req.path }, 'upstream failed');
      throw AppError.unavailable(`${opts.name} is unavailable`, lastError);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
