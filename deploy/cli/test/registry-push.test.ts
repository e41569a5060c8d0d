import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFixtureWorkspace, type FixtureWorkspace } from './support/fixture-workspace';
import { selfSignedCertificate } from './support/registry-certificate';
import {
  deleteTag,
  heldDigest,
  removeImageTag,
  startHtpasswdRegistry,
  startTokenRegistry,
  type RegistryContainer,
} from './support/registry-containers';
import { createDockerConfigDir, type DockerConfigDir } from './support/registry-docker-config';
import { startTokenService, type TokenService } from './support/registry-token-service';
import { runCli } from './support/run-cli';

// `portside push` through the real binary and the real Docker Engine to real registries (registry:2)
// that want credentials: one behind htpasswd (Basic), one behind a token service (Bearer), with the
// credentials coming from the environment, config.json's auths and a credential helper.

const REPOSITORY = 'portside/greeter';
const ALICE = { user: 'alice', password: 'correct horse battery' };
const BOB = { user: 'bob', password: 'hunter2', identityToken: 'rt-bob-1' };
const TOKEN_SERVICE = { service: 'portside-test-registry', issuer: 'portside-test-issuer' };
const FROM_ENV = 'PORTSIDE_REGISTRY_USER/PORTSIDE_REGISTRY_PASSWORD';
const basicHeader = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let workspace: FixtureWorkspace;
let config: DockerConfigDir;
let htpasswdRegistry: RegistryContainer;
let tokenRegistry: RegistryContainer;
let tokens: TokenService;
let tag: string;

interface Pushed {
  registry: string;
  digest: string;
  skipped: boolean;
}

/** Pushes the greeter; only the credentials given here (and the temporary DOCKER_CONFIG) are seen. Failures are read as people read them. */
async function push(
  registry: RegistryContainer,
  env: Record<string, string> = {},
  output: 'json' | 'text' = 'json',
) {
  const result = await runCli(
    ['push', 'greeter', '--registry', registry.host, '--output', output],
    {
      cwd: workspace.dir,
      env: {
        PORTSIDE_REGISTRY_USER: undefined,
        PORTSIDE_REGISTRY_PASSWORD: undefined,
        PORTSIDE_REGISTRY_TOKEN: undefined,
        ...config.env(),
        ...env,
      },
    },
  );
  const pushed =
    result.code === 0 && output === 'json'
      ? (JSON.parse(result.stdout) as { pushed: Pushed[] }).pushed
      : [];
  return { ...result, pushed };
}

const ledgerText = () => readFileSync(path.join(workspace.dir, '.portside/releases.json'), 'utf8');
const ledgerPush = () =>
  (JSON.parse(ledgerText()) as { pushes: Record<string, Pushed> }).pushes.greeter;

/** A push that must fail as people expect: exit 3, this one line last, no stack trace, the ledger as it was. */
async function expectFailedPush(
  registry: RegistryContainer,
  env: Record<string, string>,
  line: string,
): Promise<void> {
  const before = ledgerText();
  const result = await push(registry, env, 'text');
  expect(result.code).toBe(3);
  expect(result.lastLine).toBe(line);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(ledgerText()).toBe(before);
}

/** A token the test itself uses to look into and tidy the token registry. */
async function tokenFor(scope: string): Promise<string> {
  const url = `${tokens.realm}?service=${TOKEN_SERVICE.service}&scope=${encodeURIComponent(scope)}`;
  const response = await fetch(url, {
    headers: { authorization: basicHeader(BOB.user, BOB.password) },
  });
  return `Bearer ${((await response.json()) as { token: string }).token}`;
}

beforeAll(async () => {
  workspace = createFixtureWorkspace();
  // An empty Docker config of the test's own: the developer's docker login never leaks in.
  config = createDockerConfigDir();
  // The greeter on an empty base: a couple of kilobytes to push, since what is tested here is the
  // credentials, not the layers (its Dockerfile has no RUN step, so it builds on scratch).
  const built = await runCli(['build', 'greeter', '--output', 'json'], {
    cwd: workspace.dir,
    env: { ...config.env(), NODE_IMAGE: 'scratch' },
  });
  if (built.code !== 0) throw new Error(`portside build failed: ${built.stderr}`);
  tag = (JSON.parse(built.stdout) as { images: { tag: string }[] }).images[0]?.tag as string;

  htpasswdRegistry = await startHtpasswdRegistry({ [ALICE.user]: ALICE.password });
  const certificate = selfSignedCertificate('portside test token signer');
  tokens = await startTokenService({
    ...TOKEN_SERVICE,
    certificate,
    users: { [BOB.user]: BOB.password },
    identityTokens: { [BOB.identityToken]: BOB.user },
  });
  tokenRegistry = await startTokenRegistry({
    ...TOKEN_SERVICE,
    realm: tokens.realm,
    certPem: certificate.certPem,
  });
});

afterAll(async () => {
  htpasswdRegistry?.remove();
  tokenRegistry?.remove();
  await tokens?.close();
  if (tag) removeImageTag(`portside/greeter:${tag}`);
  config?.remove();
  workspace?.remove();
});

describe('a registry that asks for Basic credentials (htpasswd)', () => {
  const held = () =>
    heldDigest(htpasswdRegistry, REPOSITORY, tag, basicHeader(ALICE.user, ALICE.password));

  it('pushes with the user and password from the environment and records the digest the registry holds', async () => {
    const result = await push(htpasswdRegistry, {
      PORTSIDE_REGISTRY_USER: ALICE.user,
      PORTSIDE_REGISTRY_PASSWORD: ALICE.password,
    });
    expect(result.code).toBe(0);
    expect(result.pushed).toEqual([
      expect.objectContaining({ registry: htpasswdRegistry.host, skipped: false }),
    ]);
    expect(result.pushed[0]?.digest).toBe(await held());
    expect(ledgerPush()).toMatchObject({
      registry: htpasswdRegistry.host,
      digest: result.pushed[0]?.digest,
    });
  });

  it('a second push finds the image there and skips it', async () => {
    const result = await push(htpasswdRegistry, {
      PORTSIDE_REGISTRY_USER: ALICE.user,
      PORTSIDE_REGISTRY_PASSWORD: ALICE.password,
    });
    expect(result.code).toBe(0);
    expect(result.pushed).toEqual([
      expect.objectContaining({ skipped: true, digest: await held() }),
    ]);
  });

  it('pushes with the auths entry docker login writes in config.json', async () => {
    await deleteTag(htpasswdRegistry, REPOSITORY, tag, basicHeader(ALICE.user, ALICE.password));
    config.writeConfig({
      auths: {
        [htpasswdRegistry.host]: {
          auth: Buffer.from(`${ALICE.user}:${ALICE.password}`).toString('base64'),
        },
      },
    });
    const result = await push(htpasswdRegistry, {}, 'text');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `${htpasswdRegistry.host}: credentials from auths["${htpasswdRegistry.host}"] in ${path.join(config.dir, 'config.json')}`,
    );
    expect(result.stderr).toContain('greeter: pushed sha256:');
    expect(ledgerPush()?.digest).toBe(await held());
  });

  it('pushes with the credential helper config.json names for this registry', async () => {
    await deleteTag(htpasswdRegistry, REPOSITORY, tag, basicHeader(ALICE.user, ALICE.password));
    const asked = config.installHelper('portside-test', {
      answers: { [htpasswdRegistry.host]: { Username: ALICE.user, Secret: ALICE.password } },
    });
    config.writeConfig({
      credHelpers: { [htpasswdRegistry.host]: 'portside-test' },
      auths: { [htpasswdRegistry.host]: {} },
    });
    const result = await push(htpasswdRegistry);
    expect(result.code).toBe(0);
    expect(asked()).toEqual([htpasswdRegistry.host]);
    expect(result.pushed).toEqual([expect.objectContaining({ skipped: false })]);
    expect(result.pushed[0]?.digest).toBe(await held());
  });

  it('a wrong password is one clear line and exit 3, and the ledger is left as it was', async () => {
    config.writeConfig({});
    const line = `portside: registry ${htpasswdRegistry.host} refused the credentials from ${FROM_ENV} (check ${FROM_ENV})`;
    await expectFailedPush(
      htpasswdRegistry,
      { PORTSIDE_REGISTRY_USER: ALICE.user, PORTSIDE_REGISTRY_PASSWORD: 'wrong' },
      line,
    );
  });

  it('no credentials anywhere is one line saying how to give some', async () => {
    const hint = `set PORTSIDE_REGISTRY_USER and PORTSIDE_REGISTRY_PASSWORD, or run docker login ${htpasswdRegistry.host}`;
    await expectFailedPush(
      htpasswdRegistry,
      {},
      `portside: registry ${htpasswdRegistry.host} wants credentials and none were found (${hint})`,
    );
  });
});

describe('a registry that sends Bearer challenges to a token service', () => {
  const held = async () =>
    heldDigest(tokenRegistry, REPOSITORY, tag, await tokenFor(`repository:${REPOSITORY}:pull`));

  it('pushes with a user and password: both portside and the Docker Engine get their tokens with them', async () => {
    const seen = tokens.requests.length;
    const result = await push(tokenRegistry, {
      PORTSIDE_REGISTRY_USER: BOB.user,
      PORTSIDE_REGISTRY_PASSWORD: BOB.password,
    });
    expect(result.code).toBe(0);
    expect(result.pushed).toEqual([expect.objectContaining({ skipped: false })]);
    expect(result.pushed[0]?.digest).toBe(await held());
    const asked = tokens.requests.slice(seen, -1);
    expect(asked).toContainEqual({
      method: 'GET',
      grant: 'basic',
      account: BOB.user,
      scopes: [`repository:${REPOSITORY}:pull`],
    });
    expect(asked).toContainEqual(
      expect.objectContaining({
        grant: 'basic',
        account: BOB.user,
        scopes: [expect.stringMatching(new RegExp(`^repository:${REPOSITORY}:.*push`))],
      }),
    );
  });

  it('pushes with an identity token from a credential helper, exchanged by refresh_token POST on both sides', async () => {
    await deleteTag(
      tokenRegistry,
      REPOSITORY,
      tag,
      await tokenFor(`repository:${REPOSITORY}:pull,delete`),
    );
    config.installHelper('portside-oauth', {
      answers: { [tokenRegistry.host]: { Username: '<token>', Secret: BOB.identityToken } },
    });
    config.writeConfig({ credsStore: 'portside-oauth' });
    const seen = tokens.requests.length;
    const result = await push(tokenRegistry);
    expect(result.code).toBe(0);
    expect(result.pushed).toEqual([expect.objectContaining({ skipped: false })]);
    const asked = tokens.requests.slice(seen);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(
      asked.every(
        (request) =>
          request.method === 'POST' &&
          request.grant === 'refresh_token' &&
          request.account === BOB.user,
      ),
    ).toBe(true);
    expect(result.pushed[0]?.digest).toBe(await held());
  });

  it('the token service refusing the credentials is one line naming it and the registry, exit 3', async () => {
    config.writeConfig({});
    const line = `portside: the token service ${tokens.realm} of registry ${tokenRegistry.host} refused the credentials from ${FROM_ENV} (check ${FROM_ENV})`;
    await expectFailedPush(
      tokenRegistry,
      { PORTSIDE_REGISTRY_USER: BOB.user, PORTSIDE_REGISTRY_PASSWORD: 'wrong' },
      line,
    );
  });
});
