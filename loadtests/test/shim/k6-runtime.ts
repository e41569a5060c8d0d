import { SyncFetch, type SyncResponse } from './sync-fetch';

/** One HTTP call a script made, as k6 would meter it. */
export type RecordedRequest = {
  method: string;
  url: string;
  status: number;
  expected: boolean;
  tags: Record<string, string>;
  group: string;
  error: string | null;
  durationMs: number;
  /** The answer's body, so tests can hold it against the API's schemas. */
  body: string;
};

/** One check outcome, with the tags k6 would attach to the `checks` metric. */
export type RecordedCheck = {
  name: string;
  ok: boolean;
  tags: Record<string, string>;
  group: string;
  error?: string;
};

/** Thrown by `fail()` and `exec.test.abort()`: k6 ends the iteration (or the test) there. */
export class K6Abort extends Error {
  constructor(
    message: string,
    readonly kind: 'fail' | 'abort',
  ) {
    super(message);
  }
}

type Params = {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  responseCallback?: (res: { status: number }) => boolean;
};

/** k6 durations: "10s", "500ms", "1m", or a number of milliseconds. */
export function parseDuration(value: string | number | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!m) throw new Error(`not a k6 duration: ${value}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

/** k6 presents header names canonicalised, as Go does: "content-type" becomes "Content-Type". */
export function canonicalHeader(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join('-');
}

/** k6 sends a plain object body as a form; a string as is. */
function encodeBody(body: unknown): { body: string | null; formContentType: boolean } {
  if (body === null || body === undefined) return { body: null, formContentType: false };
  if (typeof body === 'string') return { body, formContentType: false };
  if (typeof body === 'object') {
    return {
      body: new URLSearchParams(body as Record<string, string>).toString(),
      formContentType: true,
    };
  }
  throw new Error(`the k6 shim does not send bodies of type ${typeof body}`);
}

/**
 * A small, faithful stand-in for the k6 modules the Portside scripts import: synchronous HTTP,
 * checks and groups recorded with their tags, sleep that does not wait, and fail/abort that throw.
 */
export function createK6Runtime(options: { env?: Record<string, string>; vuId?: number } = {}) {
  const http = new SyncFetch();
  const requests: RecordedRequest[] = [];
  const checks: RecordedCheck[] = [];
  const groups: string[] = [];
  let slept = 0;
  const defaultExpected = (res: { status: number }) => res.status >= 200 && res.status < 400;
  let responseCallback = defaultExpected;

  const vu = {
    idInTest: options.vuId ?? 1,
    idInInstance: options.vuId ?? 1,
    iterationInInstance: 0,
    iterationInScenario: 0,
    tags: {} as Record<string, string>,
    metrics: { tags: {} as Record<string, string>, metadata: {} },
  };
  const scenario = {
    name: 'default',
    executor: 'shim',
    iterationInTest: 0,
    iterationInInstance: 0,
    startTime: Date.now(),
    progress: 0,
  };
  const groupPath = () => (groups.length ? `::${groups.join('::')}` : '');

  function makeResponse(method: string, url: string, res: SyncResponse) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[canonicalHeader(k)] = v;
    return {
      status: res.status,
      body: res.body,
      headers,
      url,
      error: res.error ?? '',
      error_code: res.error ? 1000 : 0,
      timings: { duration: res.durationMs },
      request: { method, url },
      json(selector?: string) {
        if (selector) throw new Error('the k6 shim does not implement json(selector)');
        return JSON.parse(res.body);
      },
    };
  }

  function request(method: string, url: string, body?: unknown, params: Params = {}) {
    const encoded = encodeBody(body);
    const headers: Record<string, string> = { 'user-agent': 'k6-shim', ...(params.headers ?? {}) };
    if (
      encoded.formContentType &&
      !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
    ) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const timeoutMs = parseDuration(params.timeout, 60_000);
    const res = http.request({
      method: method.toUpperCase(),
      url,
      headers,
      body: encoded.body,
      timeoutMs,
    });
    const response = makeResponse(method.toUpperCase(), url, res);
    const expected = res.status !== 0 && (params.responseCallback ?? responseCallback)(response);
    requests.push({
      method: method.toUpperCase(),
      url,
      status: res.status,
      expected,
      tags: { ...vu.metrics.tags, ...(params.tags ?? {}) },
      group: groupPath(),
      error: res.error,
      durationMs: res.durationMs,
      body: res.body,
    });
    return response;
  }

  const k6 = {
    check<T>(
      value: T,
      sets: Record<string, (v: T) => unknown>,
      tags: Record<string, string> = {},
    ): boolean {
      let all = true;
      for (const [name, fn] of Object.entries(sets)) {
        let ok = false;
        let error: string | undefined;
        try {
          ok = Boolean(fn(value));
        } catch (err) {
          error = String(err);
        }
        checks.push({
          name,
          ok,
          tags: { ...vu.metrics.tags, ...tags },
          group: groupPath(),
          ...(error ? { error } : {}),
        });
        all &&= ok;
      }
      return all;
    },
    group<R>(name: string, fn: () => R): R {
      groups.push(name);
      try {
        return fn();
      } finally {
        groups.pop();
      }
    },
    sleep(seconds: number) {
      slept += seconds;
    },
    fail(message?: string): never {
      throw new K6Abort(message ?? 'fail() called', 'fail');
    },
    randomSeed() {},
  };

  const httpModule = {
    request,
    get: (url: string, params?: Params) => request('GET', url, null, params),
    head: (url: string, params?: Params) => request('HEAD', url, null, params),
    del: (url: string, body?: unknown, params?: Params) => request('DELETE', url, body, params),
    options: (url: string, body?: unknown, params?: Params) =>
      request('OPTIONS', url, body, params),
    post: (url: string, body?: unknown, params?: Params) => request('POST', url, body, params),
    put: (url: string, body?: unknown, params?: Params) => request('PUT', url, body, params),
    patch: (url: string, body?: unknown, params?: Params) => request('PATCH', url, body, params),
    expectedStatuses(...statuses: Array<number | { min: number; max: number }>) {
      return (res: { status: number }) =>
        statuses.some((s) =>
          typeof s === 'number' ? res.status === s : res.status >= s.min && res.status <= s.max,
        );
    },
    setResponseCallback(cb: ((res: { status: number }) => boolean) | null) {
      responseCallback = cb ?? defaultExpected;
    },
    batch() {
      throw new Error('the k6 shim does not implement http.batch');
    },
  };

  const execution = {
    vu,
    scenario,
    instance: {
      vusActive: 1,
      vusInitialized: 1,
      iterationsCompleted: 0,
      iterationsInterrupted: 0,
      currentTestRunDuration: 0,
    },
    test: {
      abort(message?: string): never {
        throw new K6Abort(message ?? 'test aborted', 'abort');
      },
      options: {},
    },
  };

  const modules: Record<string, unknown> = { k6, 'k6/http': httpModule, 'k6/execution': execution };

  return {
    modules,
    env: options.env ?? {},
    requests,
    checks,
    sleptSeconds: () => slept,
    /** Moves the execution counters on, as k6 does before each iteration of a scenario. */
    beginIteration(scenarioName: string) {
      scenario.name = scenarioName;
      vu.iterationInInstance += 1;
      vu.iterationInScenario += 1;
      scenario.iterationInTest += 1;
      scenario.iterationInInstance += 1;
      vu.metrics.tags = { scenario: scenarioName };
    },
    close: () => http.close(),
  };
}

export type K6Runtime = ReturnType<typeof createK6Runtime>;
