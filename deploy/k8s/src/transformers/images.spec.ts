import { formatImage, parseImage, transformImages } from './images';
import type { KubeObject } from '../types';

describe('image references', () => {
  it.each([
    ['portside/catalog', { name: 'portside/catalog' }],
    ['portside/catalog:dev', { name: 'portside/catalog', tag: 'dev' }],
    ['localhost:5000/portside/catalog', { name: 'localhost:5000/portside/catalog' }],
    [
      'localhost:5000/portside/catalog:1.2',
      { name: 'localhost:5000/portside/catalog', tag: '1.2' },
    ],
    ['portside/catalog@sha256:abc', { name: 'portside/catalog', digest: 'sha256:abc' }],
  ])('parses %s', (image, expected) => {
    expect(parseImage(image)).toEqual({ tag: undefined, digest: undefined, ...expected });
    expect(formatImage(parseImage(image))).toBe(image);
  });
});

describe('transformImages', () => {
  const job = (): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: {
      template: {
        spec: {
          initContainers: [{ name: 'i', image: 'portside/catalog:0.1.0' }],
          containers: [
            { name: 'c', image: 'portside/catalog' },
            { name: 'o', image: 'redis:7' },
          ],
        },
      },
    },
  });
  const images = (o: KubeObject) => {
    const spec = (
      o.spec as {
        template: {
          spec: { initContainers: { image: string }[]; containers: { image: string }[] };
        };
      }
    ).template.spec;
    return [...spec.initContainers, ...spec.containers].map((c) => c.image);
  };

  it('sets the tag of every container and init container with that name, and only those', () => {
    expect(
      images(transformImages([job()], [{ name: 'portside/catalog', newTag: 'dev' }])[0]!),
    ).toEqual(['portside/catalog:dev', 'portside/catalog:dev', 'redis:7']);
  });

  it('pins a digest in place of the tag, under a new name', () => {
    const [object] = transformImages(
      [job()],
      [{ name: 'portside/catalog', newName: 'reg:5000/portside/catalog', digest: 'sha256:1' }],
    );
    expect(images(object!).slice(0, 2)).toEqual([
      'reg:5000/portside/catalog@sha256:1',
      'reg:5000/portside/catalog@sha256:1',
    ]);
  });
});
