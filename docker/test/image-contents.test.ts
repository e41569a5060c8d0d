import { runOrThrow } from './support/run';
import { currentStack } from './support/stack';

// What each image holds beyond its base: only the built output, never tests,
// sources, git data or secrets; node_modules only for the packages the bundle
// leaves out so tracing can wrap them (scripts/bundle-service.mjs).
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

const NOT_RUN = /\.git\/|\.env|\.spec\.|\.test\.|\/test\/|\.ts$|\.tsx$|\.pem$|\.key$/;
const FORBIDDEN = new RegExp(`node_modules|${NOT_RUN.source}`);
const TRACED: Record<string, string[]> = {
  catalog: ['express', 'ioredis', 'pg'],
  cart: ['express', 'ioredis'],
  order: ['express', 'pg'],
};
const SHIPPED = '/app/dist/node_modules/';

describe.each(['catalog', 'cart', 'order'])('the %s image', (app) => {
  it('holds only the bundle, its source maps, the traced packages and the migrations', async () => {
    const files = await filesUnder(app, '/app');
    expect(files.filter((f) => !/^\/app\/(dist|prisma\/migrations)\//.test(f))).toEqual([]);
    const [shipped, own] = [
      files.filter((f) => f.startsWith(SHIPPED)),
      files.filter((f) => !f.startsWith(SHIPPED)),
    ];
    expect(own.filter((f) => FORBIDDEN.test(f))).toEqual([]);
    expect(shipped.filter((f) => NOT_RUN.test(f.slice(SHIPPED.length)))).toEqual([]);
    const packages = new Set(shipped.map((f) => f.slice(SHIPPED.length).split('/')[0]));
    expect(TRACED[app]?.filter((p) => !packages.has(p))).toEqual([]);
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
