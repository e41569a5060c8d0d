import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from 'tar-stream';
import { buildContext, couldMatchBelow } from './build-context';

function entriesOf(stream: NodeJS.ReadableStream): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    const reader = extract();
    reader.on('entry', (header, body, next) => {
      if (header.type === 'file') names.push(header.name);
      body.on('end', next);
      body.resume();
    });
    reader.on('finish', () => resolve(names.sort()));
    reader.on('error', reject);
    stream.pipe(reader);
  });
}

describe('the build context', () => {
  let root: string;
  const write = (file: string, content = 'x') => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'portside-context-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('leaves out what .dockerignore lists, brings back ! exceptions, and always sends the Dockerfile', async () => {
    write(
      '.dockerignore',
      [
        '**/node_modules',
        '**/*.md',
        'deploy/*/*',
        '!deploy/*/package.json',
        'apps/web/Dockerfile',
      ].join('\n'),
    );
    write('package.json');
    write('README.md');
    write('node_modules/left-pad/index.js');
    write('apps/web/node_modules/react/index.js');
    write('apps/web/src/main.ts');
    write('apps/web/Dockerfile');
    write('deploy/cli/package.json');
    write('deploy/cli/src/cli.ts');

    expect(await entriesOf(buildContext(root, 'apps/web/Dockerfile'))).toEqual([
      '.dockerignore',
      'apps/web/Dockerfile',
      'apps/web/src/main.ts',
      'deploy/cli/package.json',
      'package.json',
    ]);
  });

  it('knows when an exception pattern could match inside an ignored folder', () => {
    expect(couldMatchBelow('deploy/*/package.json', 'deploy/cli')).toBe(true);
    expect(couldMatchBelow('apps/*/server.js', 'apps')).toBe(true);
    expect(couldMatchBelow('apps/*/server.js', 'docs')).toBe(false);
    expect(couldMatchBelow('**/keep.txt', 'anything/at/all')).toBe(true);
    expect(couldMatchBelow('apps/web', 'apps/web')).toBe(false);
  });
});
