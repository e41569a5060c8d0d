import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRecordingReporter } from '../core/reporter';
import { annotateRelease } from './grafana-annotation';
import type { Release } from './record';

/*
 * Grafana cannot run here: a small HTTP recorder on 127.0.0.1 stands in for
 * its annotations API (POST /api/annotations) and answers with a set status.
 */
const release: Release = {
  id: 'r7-1a2b3c4',
  time: '2026-12-06T04:00:00.000Z',
  target: 'compose',
  gitSha: '1a2b3c4d5e6f7a8b',
  services: {
    order: { image: 'localhost:5000/portside/order:1a2b3c4', digest: 'sha256:b' },
    catalog: { image: 'localhost:5000/portside/catalog:1a2b3c4', digest: 'sha256:a' },
  },
  outcome: 'succeeded',
};

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  body: Record<string, unknown>;
}

let server: http.Server;
let url: string;
let received: Received[];
let status: number;

beforeEach(async () => {
  received = [];
  status = 200;
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(body),
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"id":1}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('rollout annotations in Grafana', () => {
  it('posts one annotation spanning the release, tagged for the dashboards, with the token', async () => {
    const reporter = createRecordingReporter();
    const before = Date.now();
    await annotateRelease(release, {
      env: { GRAFANA_URL: url, GRAFANA_TOKEN: 'glsa_test' },
      reporter,
    });
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent).toMatchObject({
      method: 'POST',
      url: '/api/annotations',
      authorization: 'Bearer glsa_test',
      body: {
        time: Date.parse(release.time),
        tags: ['portside', 'rollout', 'compose'],
        text: 'compose release r7-1a2b3c4 (1a2b3c4d5e6f): catalog, order',
      },
    });
    expect(sent?.body['timeEnd']).toBeGreaterThanOrEqual(before);
    expect(reporter.lines).toEqual(['rollout annotated in Grafana']);
  });

  it('sends nothing when GRAFANA_URL is not set', async () => {
    await annotateRelease(release, { env: {}, reporter: createRecordingReporter() });
    expect(received).toEqual([]);
  });

  it('warns, and does not fail the deploy, when Grafana refuses or is gone', async () => {
    status = 401;
    const reporter = createRecordingReporter();
    await annotateRelease(release, { env: { GRAFANA_URL: url }, reporter });
    expect(received[0]?.authorization).toBeUndefined();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = http.createServer().listen(0, '127.0.0.1');
    await annotateRelease(release, { env: { GRAFANA_URL: url }, reporter });
    expect(reporter.lines).toEqual([
      'warn: Grafana refused the rollout annotation: HTTP 401',
      expect.stringMatching(/^warn: Grafana did not take the rollout annotation: /),
    ]);
  });
});
