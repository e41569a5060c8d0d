import fc from 'fast-check';
import { resolveStack, type Stack } from './support/host-stack';
import { requestsFor, type DocumentOperation, type FuzzRequest } from './support/fuzz-requests';
import { discoverWorld, type FuzzWorld } from './support/fuzz-world';

/*
 * Every operation of the API's own OpenAPI document (GET /api/openapi.json), fuzzed through
 * the edge of a running stack: random and boundary values, wrong types, unicode, huge bodies,
 * tampered cursors and ids. No answer may be a 5xx; every error must be problem+json.
 *
 * The target: LOADTEST_BASE_URL (a running stack's edge, as docker/test/api-fuzz.test.ts
 * passes the Compose stack's HAProxy), else the services started here behind a stand-in of
 * the edge. API_FUZZ_RUNS sets the runs per operation; ADMIN_TOKEN, if set, fuzzes admin
 * operations past their authentication.
 */
const RUNS_PER_OPERATION = Number(process.env['API_FUZZ_RUNS'] ?? 40);

let stack: Stack;
let document: { paths: Record<string, Record<string, DocumentOperation>> };
let world: FuzzWorld;
const tally = { operations: 0, requests: 0, serverErrors: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  stack = await resolveStack();
  const res = await fetch(`${stack.baseUrl}/api/openapi.json`);
  expect(res.status).toBe(200);
  document = (await res.json()) as typeof document;
  world = await discoverWorld(stack.baseUrl, stack.adminToken ?? process.env['ADMIN_TOKEN']);
}, 240_000);

afterAll(async () => {
  const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  process.stdout.write(
    `\napi fuzz: ${tally.operations} operations, ${tally.requests} requests, ` +
      `${tally.serverErrors} server errors (${statuses.join(' ')})\n`,
  );
  await stack?.stop();
});

async function send(req: FuzzRequest): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  tally.requests += 1;
  tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
  if (res.status >= 500) tally.serverErrors += 1;
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

describe('the API, fuzzed from its OpenAPI document', () => {
  it('lists operations to fuzz', () => {
    expect(Object.keys(document.paths).length).toBeGreaterThanOrEqual(10);
  });

  it('never answers 5xx, and answers every error with problem+json', async () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        tally.operations += 1;
        await fc.assert(
          fc.asyncProperty(requestsFor(stack.baseUrl, path, method, op, world), async (req) => {
            const answer = await send(req);
            const where = `${op.operationId}: ${req.method} ${req.url.slice(0, 300)}`;
            expect({ where, status: answer.status < 500 }).toEqual({ where, status: true });
            if (answer.status >= 400) {
              expect({ where, type: answer.type }).toEqual({
                where,
                type: expect.stringMatching(/^application\/problem\+json/),
              });
            }
          }),
          { numRuns: RUNS_PER_OPERATION },
        );
      }
    }
    expect(tally.serverErrors).toBe(0);
  }, 600_000);
});
