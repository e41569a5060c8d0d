import { UsageError } from '../src/core/errors';
import { registryEndpoint } from '../src/registry';

// HTTPS for every registry, as Docker does, except loopback and those marked insecure.

const endpoint = (host: string, insecure?: string) =>
  registryEndpoint(host, insecure === undefined ? {} : { PORTSIDE_INSECURE_REGISTRIES: insecure });

describe('registryEndpoint', () => {
  it('speaks HTTPS to every registry that is not on loopback', () => {
    expect(endpoint('ghcr.io')).toMatchObject({
      host: 'ghcr.io',
      baseUrl: 'https://ghcr.io',
      secure: true,
    });
    expect(endpoint('registry.example.com:5000').baseUrl).toBe('https://registry.example.com:5000');
    expect(endpoint('10.1.2.3:5000').baseUrl).toBe('https://10.1.2.3:5000');
    expect(endpoint('localhost.example.com:5000').secure).toBe(true);
  });

  it('speaks plain HTTP to localhost, 127.0.0.0/8 and ::1, and reaches localhost on 127.0.0.1', () => {
    expect(endpoint('localhost:5000')).toMatchObject({
      host: 'localhost:5000',
      baseUrl: 'http://127.0.0.1:5000',
      secure: false,
    });
    expect(endpoint('127.0.0.1:5000').baseUrl).toBe('http://127.0.0.1:5000');
    expect(endpoint('127.45.6.7').baseUrl).toBe('http://127.45.6.7');
    expect(endpoint('[::1]:5000').baseUrl).toBe('http://[::1]:5000');
  });

  it('reaches Docker Hub on its API host, over HTTPS', () => {
    expect(endpoint('docker.io').baseUrl).toBe('https://registry-1.docker.io');
    expect(endpoint('index.docker.io').baseUrl).toBe('https://registry-1.docker.io');
  });

  it('speaks plain HTTP to registries listed in PORTSIDE_INSECURE_REGISTRIES, by exact host:port or by CIDR range', () => {
    const list = 'registry.lan:5000, 10.0.0.0/8 ,[fd00::1]:5000';
    expect(endpoint('registry.lan:5000', list).baseUrl).toBe('http://registry.lan:5000');
    expect(endpoint('10.20.30.40:5000', list).baseUrl).toBe('http://10.20.30.40:5000');
    expect(endpoint('[fd00::1]:5000', list).secure).toBe(false);
    // As in the daemon's insecure-registries, a name is matched whole: another port is another registry.
    expect(endpoint('registry.lan:5001', list).secure).toBe(true);
    expect(endpoint('11.0.0.1:5000', list).secure).toBe(true);
  });

  it('refuses an insecure entry that is neither host[:port] nor a range, naming the variable', () => {
    expect(() => endpoint('ghcr.io', 'http://registry.lan:5000')).toThrow(UsageError);
    expect(() => endpoint('ghcr.io', 'http://registry.lan:5000')).toThrow(
      'PORTSIDE_INSECURE_REGISTRIES has "http://registry.lan:5000", which is neither host[:port] nor a CIDR range',
    );
  });
});
