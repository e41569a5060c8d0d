import { InsecureRegistries, mayCarryCredentials } from './host';

describe('where credentials may go', () => {
  const insecure = InsecureRegistries.parse('registry.lan:5000,10.0.0.0/8');
  const may = (url: string) => mayCarryCredentials(new URL(url), insecure);

  it('goes over HTTPS anywhere, and over plain HTTP to loopback', () => {
    expect(may('https://auth.example/token')).toBe(true);
    expect(may('http://127.0.0.1:5001/token')).toBe(true);
    expect(may('http://localhost/token')).toBe(true);
    expect(may('http://[::1]:5001/token')).toBe(true);
  });

  it('goes over plain HTTP only to hosts the user marked insecure', () => {
    expect(may('http://registry.lan:5000/token')).toBe(true);
    expect(may('http://10.1.2.3/token')).toBe(true);
    expect(may('http://registry.lan:5001/token')).toBe(false);
    expect(may('http://auth.example/token')).toBe(false);
    expect(mayCarryCredentials(new URL('http://registry.lan:5000/token'))).toBe(false);
  });
});
