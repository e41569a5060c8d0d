import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLANS_DIR, PlanFileError, profilePlan, profilesOf, PROFILES } from '../src';

// A workspace's own profiles as plan files (loadtests/plans/<name>.json): what a fork with other
// apps, and the deploy tool's fixture workspace, run without a runner of their own.

const quick = {
  connections: 4,
  durationSeconds: 2,
  journeys: [{ name: 'hello', weight: 1, requests: [{ method: 'GET', path: '/api/hello' }] }],
  slo: { hello: { p95Ms: 2000, p99Ms: 4000, maxErrorRate: 0.01 } },
};

let root: string;
const writePlan = (name: string, content: unknown) =>
  writeFileSync(
    path.join(root, PLANS_DIR, `${name}.json`),
    typeof content === 'string' ? content : JSON.stringify(content),
  );

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'portside-plans-'));
  mkdirSync(path.join(root, PLANS_DIR), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('lists the built-in profiles and the workspace plan files', () => {
  writePlan('quick', quick);
  expect(profilesOf(root)).toEqual([...PROFILES, 'quick']);
});

it('plays a plan file as written, and says which file it came from', async () => {
  writePlan('quick', quick);
  const { plan, file } = await profilePlan('quick', 'http://127.0.0.1:1', root);
  expect(plan).toEqual(quick);
  expect(file).toBe(path.join(root, PLANS_DIR, 'quick.json'));
});

it('names the file and the field when a plan file is wrong', async () => {
  writePlan('nojson', '{ connections: 4');
  writePlan('noslo', { ...quick, slo: {} });
  writePlan('badpath', {
    ...quick,
    journeys: [{ name: 'hello', weight: 1, requests: [{ method: 'GET', path: 'api' }] }],
  });
  const url = 'http://127.0.0.1:1';
  const notJson = profilePlan('nojson', url, root);
  await expect(notJson).rejects.toBeInstanceOf(PlanFileError);
  await expect(notJson).rejects.toThrow(/^loadtests\/plans\/nojson\.json is not JSON/);
  await expect(profilePlan('noslo', url, root)).rejects.toThrow(
    /^loadtests\/plans\/noslo\.json: slo: every journey needs its objective/,
  );
  await expect(profilePlan('badpath', url, root)).rejects.toThrow(
    /^loadtests\/plans\/badpath\.json: journeys\.0\.requests\.0\.path: /,
  );
});

it('refuses a profile that is neither built in nor a plan file, listing those there are', async () => {
  await expect(profilePlan('quick', 'http://127.0.0.1:1', root)).rejects.toThrow(
    `unknown load test profile "quick"; profiles are: ${PROFILES.join(', ')}`,
  );
});
