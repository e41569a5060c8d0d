import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { APPS, repoRoot } from './support/stack';

// Rules a Dockerfile linter would check, written as tests (hadolint cannot be installed here).
const read = (app: string) => readFileSync(path.join(repoRoot, 'apps', app, 'Dockerfile'), 'utf8');
const parse = (app: string): Dockerfile => DockerfileParser.parse(read(app));
const instructions = (app: string, keyword: string) =>
  parse(app)
    .getInstructions()
    .filter((i) => i.getKeyword() === keyword);

/** The instructions from the first FROM up to the build stage (the dependency install), comments aside. */
const dependencyStages = (app: string) => {
  const text = read(app);
  return text
    .slice(text.indexOf('FROM ${NODE_IMAGE} AS manifests'), text.indexOf('FROM deps AS build'))
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .join('\n');
};

describe.each(APPS)('the %s Dockerfile', (app) => {
  it('takes every base image from a build argument with a pinned official default', () => {
    const args = parse(app).getInitialARGs();
    expect(args.length).toBeGreaterThan(0);
    for (const arg of args) {
      const value = arg.getProperty()?.getValue() ?? '';
      expect(value).toMatch(/^(node|nginx):\d+\.\d+[\w.-]*$/);
    }
    for (const from of parse(app).getFROMs()) {
      expect(from.getImage()).toMatch(/^(\$\{(NODE|NGINX)_IMAGE\}|deps)$/);
    }
  });

  it('installs dependencies in layers identical to every other app', () => {
    expect(dependencyStages(app)).toBe(dependencyStages('catalog'));
    expect(dependencyStages(app)).toContain('npm ci --ignore-scripts');
  });

  it('runs as the numeric non-root user 10001', () => {
    const users = instructions(app, 'USER').map((i) => i.getArgumentsContent());
    expect(users.at(-1)).toBe('10001:10001');
  });

  it('starts with an exec-form command, has a healthcheck and names its stop signal', () => {
    expect(instructions(app, 'CMD').at(-1)?.getArgumentsContent()).toMatch(/^\[/);
    expect(instructions(app, 'HEALTHCHECK')).toHaveLength(1);
    expect(instructions(app, 'STOPSIGNAL')).toHaveLength(1);
    expect(instructions(app, 'EXPOSE')).toHaveLength(1);
  });

  it('uses nothing the classic builder lacks', () => {
    expect(read(app)).not.toMatch(/--mount|--chmod|--link|^# syntax=/m);
  });
});
