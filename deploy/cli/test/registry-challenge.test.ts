import { parseChallenges, preferredChallenge } from '../src/registry/challenge';

// The WWW-Authenticate header a registry answers 401 with, as the distribution spec and RFC 9110 write it.

describe('parseChallenges', () => {
  it('reads a Bearer challenge whose scope holds a comma inside its quotes', () => {
    const header =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"';
    expect(parseChallenges(header)).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:samalba/my-app:pull,push',
        },
      },
    ]);
  });

  it('reads a Basic challenge', () => {
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
  });

  it('reads several challenges in one header, telling a new scheme from the next parameter', () => {
    const header =
      'Bearer realm="https://ghcr.io/token", service="ghcr.io", Basic realm="GitHub Packages", charset="UTF-8"';
    expect(parseChallenges(header)).toEqual([
      { scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io' } },
      { scheme: 'basic', params: { realm: 'GitHub Packages', charset: 'UTF-8' } },
    ]);
  });

  it('lowers schemes and parameter names, keeps values as sent, and reads unquoted values and spaces around "="', () => {
    expect(
      parseChallenges(
        'BEARER Realm = https://r.example/token , Service=reg.example,error="insufficient_scope"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://r.example/token',
          service: 'reg.example',
          error: 'insufficient_scope',
        },
      },
    ]);
  });

  it('unescapes backslashes inside quoted values', () => {
    expect(parseChallenges('Basic realm="say \\"hi\\" \\\\ there"')[0]?.params.realm).toBe(
      'say "hi" \\ there',
    );
  });

  it('reads a scheme with no parameters', () => {
    expect(parseChallenges('Negotiate')).toEqual([{ scheme: 'negotiate', params: {} }]);
  });

  it('gives nothing for a missing or empty header and stops at what it cannot read', () => {
    expect(parseChallenges(null)).toEqual([]);
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges('Bearer realm="https://r/token" ; junk')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://r/token' } },
    ]);
    expect(parseChallenges('Bearer realm="unterminated')).toEqual([
      { scheme: 'bearer', params: { realm: 'unterminated' } },
    ]);
  });
});

describe('preferredChallenge', () => {
  it('answers Bearer when the registry offers it beside Basic, else Basic, else the first', () => {
    expect(
      preferredChallenge(parseChallenges('Basic realm="a", Bearer realm="https://b/token"'))
        ?.scheme,
    ).toBe('bearer');
    expect(preferredChallenge(parseChallenges('Negotiate, Basic realm="a"'))?.scheme).toBe('basic');
    expect(preferredChallenge(parseChallenges('Negotiate'))?.scheme).toBe('negotiate');
    expect(preferredChallenge([])).toBeUndefined();
  });
});
