import { OVERLAYS, rendered, named, id } from './support/rendered';
import { unknownFields, validateSchema } from './support/schema';

describe.each(OVERLAYS)('the %s overlay against the Kubernetes schemas', (overlay) => {
  const objects = rendered(overlay);

  it.each(objects.map((o) => [id(o), o] as const))('%s validates', (_name, object) => {
    expect(() => validateSchema(object)).not.toThrow();
  });

  it.each(objects.map((o) => [id(o), o] as const))(
    '%s has no field the API does not define',
    (_name, object) => {
      expect(unknownFields(object)).toEqual([]);
    },
  );
});

describe('schema validation', () => {
  const deployment = () => named(rendered('local'), 'Deployment', 'catalog');

  it('rejects a field of the wrong type', () => {
    const broken = deployment();
    (broken.spec as Record<string, unknown>).replicas = 'two';
    expect(() => validateSchema(broken)).toThrow(/replicas/);
  });

  it('rejects a Deployment without its required selector', () => {
    const broken = deployment();
    delete (broken.spec as Record<string, unknown>).selector;
    expect(() => validateSchema(broken)).toThrow(/selector/);
  });

  it('needs the field lists: the JSON schemas alone let an unknown field through', () => {
    const broken = deployment();
    (broken.spec as Record<string, unknown>).replica = 3;
    expect(() => validateSchema(broken)).not.toThrow();
    expect(unknownFields(broken)).toEqual(['.spec.replica']);
  });

  it('finds an unknown field injected deep in a pod template', () => {
    const broken = deployment();
    const spec = broken.spec as { template: { spec: { containers: Record<string, unknown>[] } } };
    spec.template.spec.containers[0]!.imagePullPolice = 'Always';
    expect(unknownFields(broken)).toEqual(['.spec.template.spec.containers[0].imagePullPolice']);
  });

  it('finds an unknown field at the top and in metadata', () => {
    const broken = deployment() as unknown as Record<string, Record<string, unknown>>;
    broken.extra = {};
    broken.metadata!.label = {};
    expect(unknownFields(broken as never).sort()).toEqual(['.extra', '.metadata.label']);
  });

  it('refuses a kind it has no schema for', () => {
    expect(() =>
      validateSchema({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }),
    ).toThrow(/no schema/);
  });
});
