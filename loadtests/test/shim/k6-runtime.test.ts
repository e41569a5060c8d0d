import { instantiateK6Script } from './load-script';
import { startChildServer, type ChildServer } from '../support/child-server';
import {
  canonicalHeader,
  createK6Runtime,
  K6Abort,
  parseDuration,
  type K6Runtime,
} from './k6-runtime';

type Http = {
  get: (
    url: string,
    params?: object,
  ) => { status: number; headers: Record<string, string>; json: () => unknown; error: string };
  post: (
    url: string,
    body: unknown,
    params?: object,
  ) => { json: () => { method: string; headers: Record<string, string>; body: string } };
  request: (method: string, url: string, body: unknown, params?: object) => { status: number };
  expectedStatuses: (
    ...s: Array<number | { min: number; max: number }>
  ) => (r: { status: number }) => boolean;
};
type K6 = {
  check: (
    v: unknown,
    sets: Record<string, (v: unknown) => unknown>,
    tags?: Record<string, string>,
  ) => boolean;
  group: <R>(name: string, fn: () => R) => R;
  fail: (m?: string) => never;
};
type Exec = {
  test: { abort: (m?: string) => never };
  vu: { idInTest: number; iterationInInstance: number };
};

let server: ChildServer;
let runtime: K6Runtime;
let http: Http;
let k6: K6;

beforeAll(async () => {
  server = await startChildServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  runtime = createK6Runtime();
  http = runtime.modules['k6/http'] as Http;
  k6 = runtime.modules['k6'] as K6;
});
afterEach(async () => {
  await runtime.close();
});

describe('the k6 shim http module', () => {
  it('answers synchronously with status, parsed JSON and Go-style header names', () => {
    const res = http.get(`${server.url}/json`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ hello: 'world' });
    expect(res.headers['Content-Type']).toBe('application/json');
    expect(res.headers['X-Custom-Thing']).toBe('yes');
  });

  it('records each request with its tags, its group and whether its status was expected', () => {
    runtime.beginIteration('browse');
    k6.group('journey', () =>
      http.get(`${server.url}/json`, { tags: { journey: 'browse', name: 'GET /json' } }),
    );
    http.get(`${server.url}/status/503`);
    expect(runtime.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        status: 200,
        expected: true,
        group: '::journey',
        tags: { scenario: 'browse', journey: 'browse', name: 'GET /json' },
      }),
      expect.objectContaining({ status: 503, expected: false, group: '' }),
    ]);
  });

  it('sends a string body as is and a plain object as a form, as k6 does', () => {
    const raw = http
      .post(`${server.url}/echo`, '{"a":1}', { headers: { 'content-type': 'application/json' } })
      .json();
    expect(raw).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    const form = http.post(`${server.url}/echo`, { a: '1', b: 'two words' }).json();
    expect(form.body).toBe('a=1&b=two+words');
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('uses a per-request response callback to decide which statuses are expected', () => {
    http.request('GET', `${server.url}/status/404`, null, {
      responseCallback: http.expectedStatuses(404),
    });
    expect(runtime.requests[0]).toMatchObject({ status: 404, expected: true });
  });

  it('reports a refused connection as status 0 with an error, never as an answer', () => {
    const res = http.get('http://127.0.0.1:1/nothing');
    expect(res.status).toBe(0);
    expect(res.error).not.toBe('');
    expect(runtime.requests[0]).toMatchObject({ status: 0, expected: false });
  });

  it('gives up on a request that outlives its timeout', () => {
    const res = http.get(`${server.url}/slow`, { timeout: '200ms' });
    expect(res.status).toBe(0);
    expect(res.error).toMatch(/abort|timeout/i);
  });
});

describe('the k6 shim checks and control flow', () => {
  it('records every check outcome with its tags, and a check that throws as failed', () => {
    const all = k6.check(
      { n: 1 },
      {
        'is one': (v) => (v as { n: number }).n === 1,
        'is two': (v) => (v as { n: number }).n === 2,
        throws: () => {
          throw new Error('x');
        },
      },
      { journey: 'browse' },
    );
    expect(all).toBe(false);
    expect(runtime.checks.map((c) => [c.name, c.ok, c.tags['journey']])).toEqual([
      ['is one', true, 'browse'],
      ['is two', false, 'browse'],
      ['throws', false, 'browse'],
    ]);
  });

  it('makes fail() and exec.test.abort() stop the code that called them', () => {
    const exec = runtime.modules['k6/execution'] as Exec;
    expect(() => k6.fail('nope')).toThrow(K6Abort);
    expect(() => exec.test.abort('target down')).toThrow('target down');
  });

  it('moves the execution counters on with each iteration', () => {
    const exec = runtime.modules['k6/execution'] as Exec;
    runtime.beginIteration('checkout');
    runtime.beginIteration('checkout');
    expect(exec.vu.iterationInInstance).toBe(2);
  });
});

describe('k6 value formats', () => {
  it('parses k6 durations', () => {
    expect(parseDuration('10s', 0)).toBe(10_000);
    expect(parseDuration('250ms', 0)).toBe(250);
    expect(parseDuration('1m', 0)).toBe(60_000);
    expect(parseDuration(undefined, 42)).toBe(42);
    expect(() => parseDuration('soon', 0)).toThrow('not a k6 duration');
  });

  it('canonicalises header names like Go', () => {
    expect(canonicalHeader('content-type')).toBe('Content-Type');
    expect(canonicalHeader('IDEMPOTENCY-KEY')).toBe('Idempotency-Key');
  });
});

describe('the k6 script context', () => {
  it('holds k6 globals and none of Node', () => {
    const script = instantiateK6Script(
      'module.exports.seen = [typeof __ENV, typeof open, typeof process, typeof Buffer, typeof setTimeout, typeof globalThis.fetch].join();',
      runtime,
    );
    expect(script['seen']).toBe('object,function,undefined,undefined,undefined,undefined');
  });

  it('refuses an import k6 does not provide', () => {
    expect(() => instantiateK6Script("require('node:fs');", runtime)).toThrow(
      'the script imports node:fs',
    );
  });
});
