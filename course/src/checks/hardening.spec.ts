import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hardeningFindings } from './hardening';

const repo = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');
const failing = (text: string) => hardeningFindings(text).filter((f) => !f.ok);

describe("lesson 2's Dockerfile rules", () => {
  it.each(['apps/catalog', 'apps/cart', 'apps/order', 'apps/storefront'])(
    '%s/Dockerfile keeps every rule',
    (app) => {
      expect(failing(read(`${app}/Dockerfile`))).toEqual([]);
    },
  );

  it('the solved exercise keeps every rule', () => {
    expect(failing(read('docs/course/exercises/02-Dockerfile.solved'))).toEqual([]);
  });

  it('the exercise breaks every rule, naming the lines where it can', () => {
    const broken = failing(read('docs/course/exercises/02-Dockerfile')).map((f) => f.what);
    expect(broken).toHaveLength(hardeningFindings('').length);
    expect(broken.join('\n')).toMatch(/line 8 runs npm install/);
  });

  it.each([
    ['no USER', /^USER .*$/m, '', /runs as a user other than root/],
    ['USER root', /^USER .*$/m, 'USER root', /runs as a user other than root/],
    ['HEALTHCHECK NONE', /^HEALTHCHECK[^]*?\]\n/m, 'HEALTHCHECK NONE\n', /HEALTHCHECK/],
    ['a shell-form CMD', /^CMD .*$/m, 'CMD node dist/main.js', /exec form/],
    [
      'a pinned base',
      /^FROM \$\{NODE_IMAGE\} AS runtime$/m,
      'FROM node:24 AS runtime',
      /build argument/,
    ],
  ])('a copy of the cart Dockerfile with %s fails', (_name, pattern, replacement, rule) => {
    const text = read('apps/cart/Dockerfile').replace(pattern, replacement);
    expect(
      failing(text)
        .map((f) => f.what)
        .join('\n'),
    ).toMatch(rule);
  });
});
