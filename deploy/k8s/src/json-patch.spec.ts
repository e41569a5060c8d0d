import { applyJsonPatch } from './json-patch';
import { KustomizeError } from './types';

describe('applyJsonPatch', () => {
  const ingress = { spec: { rules: [{ http: { paths: [] } }] } };

  it('adds a field, appends to a list and replaces a value', () => {
    const patched = applyJsonPatch(ingress, [
      { op: 'add', path: '/spec/rules/0/host', value: 'shop.example.com' },
      { op: 'add', path: '/spec/rules/-', value: { host: 'b' } },
      { op: 'replace', path: '/spec/rules/0/http', value: { paths: ['x'] } },
    ]);
    expect(patched).toEqual({
      spec: { rules: [{ http: { paths: ['x'] }, host: 'shop.example.com' }, { host: 'b' }] },
    });
  });

  it('removes a field and unescapes ~1 in keys', () => {
    const patched = applyJsonPatch({ metadata: { labels: { 'a/b': '1', c: '2' } } }, [
      { op: 'remove', path: '/metadata/labels/a~1b' },
    ]);
    expect(patched).toEqual({ metadata: { labels: { c: '2' } } });
  });

  it('refuses to replace or remove what does not exist, and fails a wrong test', () => {
    expect(() =>
      applyJsonPatch(ingress, [{ op: 'replace', path: '/spec/tls', value: [] }]),
    ).toThrow(KustomizeError);
    expect(() => applyJsonPatch(ingress, [{ op: 'remove', path: '/spec/rules/3' }])).toThrow(
      KustomizeError,
    );
    expect(() => applyJsonPatch(ingress, [{ op: 'test', path: '/spec/rules', value: [] }])).toThrow(
      /test/,
    );
  });

  it('returns a copy', () => {
    applyJsonPatch(ingress, [{ op: 'add', path: '/spec/tls', value: [] }]);
    expect(ingress).toEqual({ spec: { rules: [{ http: { paths: [] } }] } });
  });
});
