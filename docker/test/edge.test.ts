import { currentStack } from './support/stack';

const { baseUrl } = currentStack();

describe('the edge serving the storefront', () => {
  it('serves index.html to be revalidated on every visit, with security headers', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toMatch(/no-cache|no-store/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers a deep link with the single-page app', async () => {
    const response = await fetch(`${baseUrl}/products/some-product?x=1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<div id="root">/);
  });

  it('lets browsers keep hashed assets for a year, compressed', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (!script) throw new Error(`index.html names no script under /assets:\n${html}`);
    const response = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers a missing asset with 404, not with the app', async () => {
    const response = await fetch(`${baseUrl}/assets/no-such-file-0000.js`);
    expect(response.status).toBe(404);
  });
});
