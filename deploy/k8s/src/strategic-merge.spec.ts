import { strategicMerge } from './strategic-merge';

describe('strategicMerge', () => {
  const deployment = {
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            {
              name: 'app',
              image: 'a',
              args: ['--x'],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
            },
            { name: 'sidecar', image: 's' },
          ],
        },
      },
    },
  };

  it('merges maps recursively and keeps what the patch does not mention', () => {
    expect(strategicMerge(deployment, { spec: { replicas: 3 } })).toEqual({
      spec: { ...deployment.spec, replicas: 3 },
    });
  });

  it('merges containers and env by name, the patch items first, as kustomize orders them', () => {
    const merged = strategicMerge(deployment, {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                env: [
                  { name: 'B', value: 'two' },
                  { name: 'C', value: '3' },
                ],
              },
            ],
          },
        },
      },
    }) as typeof deployment;
    expect(merged.spec.template.spec.containers).toEqual([
      {
        name: 'app',
        image: 'a',
        args: ['--x'],
        env: [
          { name: 'B', value: 'two' },
          { name: 'C', value: '3' },
          { name: 'A', value: '1' },
        ],
      },
      { name: 'sidecar', image: 's' },
    ]);
  });

  it('deletes a field set to null and a list item marked $patch: delete', () => {
    const merged = strategicMerge(deployment, {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', args: null },
              { name: 'sidecar', $patch: 'delete' },
            ],
          },
        },
      },
    }) as typeof deployment;
    expect(merged.spec.template.spec.containers).toEqual([
      { name: 'app', image: 'a', env: deployment.spec.template.spec.containers[0]!.env },
    ]);
  });

  it('replaces lists that have no merge key', () => {
    expect(strategicMerge({ args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] });
  });

  it('merges Service ports by port and container ports by containerPort', () => {
    expect(
      strategicMerge(
        { ports: [{ port: 80, name: 'a' }] },
        { ports: [{ port: 80, name: 'b' }, { port: 81 }] },
      ),
    ).toEqual({
      ports: [{ port: 80, name: 'b' }, { port: 81 }],
    });
    expect(
      strategicMerge(
        { ports: [{ containerPort: 1, name: 'a' }] },
        { ports: [{ containerPort: 1, name: 'b' }] },
      ),
    ).toEqual({ ports: [{ containerPort: 1, name: 'b' }] });
  });

  it('refuses a ports patch that sets protocol, which kustomize would merge differently', () => {
    expect(() =>
      strategicMerge(
        { ports: [{ containerPort: 1 }] },
        { ports: [{ containerPort: 1, protocol: 'TCP' }] },
      ),
    ).toThrow(/protocol/);
  });

  it('leaves its inputs untouched', () => {
    const before = JSON.stringify(deployment);
    strategicMerge(deployment, {
      spec: { replicas: 5, template: { spec: { containers: [{ name: 'app', image: 'b' }] } } },
    });
    expect(JSON.stringify(deployment)).toBe(before);
  });
});
