import { runOrThrow } from './support/run';
import { currentStack } from './support/stack';

// What each image holds beyond its base: only the built output, never tests,
// sources, node_modules, git data or secrets.
const { env } = currentStack();
const image = (app: string) => env[`${app.toUpperCase()}_IMAGE`] as string;

async function filesUnder(app: string, dir: string): Promise<string[]> {
  const out = await runOrThrow('docker', [
    'run',
    '--rm',
    '--entrypoint',
    'find',
    image(app),
    dir,
    '-type',
    'f',
  ]);
  return out.split('\n').filter(Boolean).sort();
}

const FORBIDDEN =
  /node_modules|\.git\/|\.env|\.spec\.|\.test\.|\/test\/|\.ts$|\.tsx$|\.pem$|\.key$/;

describe.each(['catalog', 'cart', 'order'])('the %s image', (app) => {
  it('holds only the bundle, its source maps and the migrations', async () => {
    const files = await filesUnder(app, '/app');
    expect(files.filter((f) => !/^\/app\/(dist|prisma\/migrations)\//.test(f))).toEqual([]);
    expect(files.filter((f) => FORBIDDEN.test(f))).toEqual([]);
    expect(files).toContain('/app/dist/main.js');
  });
});

describe('the storefront image', () => {
  it('holds only the built app and the edge configuration', async () => {
    const site = await filesUnder('storefront', '/srv/storefront');
    const config = await filesUnder('storefront', '/etc/nginx/portside');
    expect(site).toContain('/srv/storefront/index.html');
    expect(
      site.filter(
        (f) =>
          !/^\/srv\/storefront\/(index\.html|assets\/|[\w.-]+\.(svg|ico|png|txt|webmanifest)$)/.test(
            f,
          ),
      ),
    ).toEqual([]);
    expect([...site, ...config].filter((f) => FORBIDDEN.test(f))).toEqual([]);
  });
});
