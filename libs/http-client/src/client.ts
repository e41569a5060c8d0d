import { AppError, currentRequestId, type Logger } from '@portside/service-kit';
import { Agent, type IncomingHttpHeaders } from 'node:http';
import { keepAliveAgentFor, send } from './send';

export interface HttpClientOptions {
  /** Names the upstream in errors and logs, e.g. "catalog". */
  name: string;
  baseUrl: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts after the first, for requests that are safe to repeat. */
  retries?: number;
  /** First backoff; doubles per attempt, with jitter. */
  backoffMs?: number;
  logger?: Logger;
  /** Connections to the upstream, kept alive between calls (default: one pool per client). */
  agent?: Agent;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Retry even though the method is not idempotent (the endpoint is, by design). */
  retry?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
  headers: IncomingHttpHeaders;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);
/** Upstream answers worth another try: it may be a replica that is going away. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * JSON over HTTP between services: a timeout on every attempt, bounded
 * retries with backoff for idempotent requests, the caller's request id
 * forwarded, connections kept alive. Answers below 500 are returned for the
 * caller to interpret; an upstream that cannot answer becomes
 * AppError('unavailable'). Built on node:http rather than fetch, whose undici
 * machinery costs more CPU per call and more memory in every service.
 */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 50;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const agent = opts.agent ?? keepAliveAgentFor(base);

  async function attempt(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    const requestId = currentRequestId();
    if (requestId) headers['x-request-id'] = requestId;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await send(url, {
      method: req.method,
      headers,
      body,
      agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: res.status,
      body: res.text ? parseJson(res.text) : undefined,
      headers: res.headers,
    };
  }

  return {
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      const attempts = IDEMPOTENT.has(req.method) || req.retry ? retries + 1 : 1;
      let lastFailure: unknown;
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await sleep(backoffMs * 2 ** (i - 1) * (0.5 + Math.random()));
        try {
          const res = await attempt(req);
          if (!RETRYABLE_STATUS.has(res.status) && res.status < 500) return res as HttpResponse<T>;
          lastFailure = new Error(`${opts.name} answered ${res.status}`);
        } catch (err) {
          lastFailure = err;
        }
        opts.logger?.warn(
          {
            upstream: opts.name,
            method: req.method,
            path: req.path,
            attempt: i + 1,
            err: String(lastFailure),
          },
          'upstream call failed',
        );
      }
      throw new AppError('unavailable', `The ${opts.name} service is unavailable`, {
        code: `${opts.name}_unavailable`,
        cause: lastFailure,
      });
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
