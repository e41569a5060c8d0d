import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSX = path.resolve(__dirname, '../../../node_modules/.bin/tsx');
const seed = (...args: string[]) =>
  run(TSX, ['src/seed/cli.ts', ...args], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unused' },
  });

describe('the seed command', () => {
  it('explains itself, --products included', async () => {
    const { stdout } = await seed('--help');
    expect(stdout).toContain('--products <count>');
  });

  it('refuses a product count it cannot make, naming the flag', async () => {
    await expect(seed('--products', 'many')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--products must be a whole number'),
    });
  });
});
