import path from 'node:path';
import { UsageError } from '../core/errors';
import { composeProject } from './project';

const root = path.resolve(__dirname, '..', '..', '..', '..');

describe('composeProject', () => {
  it('adds a layer named by --with beside the main file', () => {
    const project = composeProject({ with: ['observability'] }, { root, env: {} });
    expect(project.file).toBe(path.join(root, 'docker/compose.yaml'));
    expect(project.layers).toEqual([path.join(root, 'docker/compose.observability.yaml')]);
  });

  it('takes layers from PORTSIDE_COMPOSE_LAYERS when --with is absent', () => {
    const project = composeProject({}, { root, env: { PORTSIDE_COMPOSE_LAYERS: 'observability' } });
    expect(project.layers).toHaveLength(1);
    expect(composeProject({}, { root, env: {} }).layers).toEqual([]);
  });

  it('names the flag when a layer does not exist', () => {
    expect(() => composeProject({ with: ['nosuch'] }, { root, env: {} })).toThrow(UsageError);
    expect(() => composeProject({ with: ['../x'] }, { root, env: {} })).toThrow(/--with \.\.\/x/);
  });
});
