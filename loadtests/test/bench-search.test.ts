import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { cpuPerRequest } from '../bench/cpu-cost';

const run = promisify(execFile);
const TSX = path.resolve(__dirname, '../../node_modules/.bin/tsx');
const bench = (...args: string[]) =>
  run(TSX, ['bench/search.ts', ...args], { cwd: path.resolve(__dirname, '..') });

describe('the search benchmark command', () => {
  it('explains its flags', async () => {
    const { stdout } = await bench('--help');
    expect(stdout).toContain('npm run bench:search -w loadtests');
    expect(stdout).toContain('--sizes 500,100000');
    expect(stdout).toContain('--database-prefix portside_search_bench_');
    expect(stdout).toContain('--json');
  });

  it('refuses a database prefix that is not a plain name, naming the flag', async () => {
    const failed = await bench('--database-prefix', 'bench"; DROP').catch((err) => err);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('--database-prefix');
  });
});

describe('CPU per request', () => {
  it('adds the service and every backend, counting a backend that connected meanwhile from zero', () => {
    const before = { serviceMs: 1_000, backendMs: new Map([['10', 500]]) };
    const after = {
      serviceMs: 1_400,
      backendMs: new Map([
        ['10', 700],
        ['11', 100],
      ]),
    };
    expect(cpuPerRequest(before, after, 100)).toEqual({ serviceMs: 4, databaseMs: 3 });
  });

  it('leaves the database out when its backends cannot be read', () => {
    const before = { serviceMs: 0, backendMs: undefined };
    expect(cpuPerRequest(before, { serviceMs: 50, backendMs: new Map() }, 10)).toEqual({
      serviceMs: 5,
      databaseMs: undefined,
    });
  });
});
