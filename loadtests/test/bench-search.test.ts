import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSX = path.resolve(__dirname, '../../node_modules/.bin/tsx');

describe('the search benchmark command', () => {
  it('explains its flags', async () => {
    const { stdout } = await run(TSX, ['bench/search.ts', '--help'], {
      cwd: path.resolve(__dirname, '..'),
    });
    expect(stdout).toContain('npm run bench:search -w loadtests');
    expect(stdout).toContain('--sizes 500,100000');
  });
});
