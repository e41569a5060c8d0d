import { UsageError } from '../../core/errors';
import { parseRegistry } from '.';

describe('the --registry of a push', () => {
  it('is a host with an optional port, and an optional namespace path', () => {
    expect(parseRegistry('localhost:5000')).toEqual({ host: 'localhost:5000' });
    expect(parseRegistry('ghcr.io/acme')).toEqual({ host: 'ghcr.io', namespace: 'acme' });
    expect(parseRegistry('registry.lan:5000/team/shop')).toEqual({
      host: 'registry.lan:5000',
      namespace: 'team/shop',
    });
  });

  it('refuses a scheme, upper case or an empty path part', () => {
    for (const bad of ['https://ghcr.io', 'ghcr.io/Acme', 'ghcr.io//x', 'ghcr.io/acme/'])
      expect(() => parseRegistry(bad)).toThrow(UsageError);
  });
});
