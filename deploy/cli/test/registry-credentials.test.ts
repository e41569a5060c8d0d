import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../src/core/errors';
import { engineAuth, findCredential } from '../src/registry';
import { failureOf } from './support/failure-of';
import { createDockerConfigDir, type DockerConfigDir } from './support/registry-docker-config';

// Credential lookup as the docker CLI does it: the environment, then config.json's credHelpers,
// credsStore and auths, with real `docker-credential-<name>` programs (fake ones, on PATH).

const HOST = 'registry.example.com:5000';
const basicAuth = (user: string, password: string) =>
  Buffer.from(`${user}:${password}`).toString('base64');

let config: DockerConfigDir;
beforeEach(() => {
  config = createDockerConfigDir();
});
afterEach(() => config.remove());

const lookup = (host = HOST, extra: Record<string, string> = {}) =>
  findCredential(host, { ...config.env(), ...extra });

describe('the environment', () => {
  it('wins over everything in config.json, without asking any helper', async () => {
    const asked = config.installHelper('store', {
      answers: { [HOST]: { Username: 'helper', Secret: 'h' } },
    });
    config.writeConfig({
      credsStore: 'store',
      auths: { [HOST]: { auth: basicAuth('file', 'f') } },
    });
    const found = await lookup(HOST, {
      PORTSIDE_REGISTRY_USER: 'ci',
      PORTSIDE_REGISTRY_PASSWORD: 'from-env',
    });
    expect(found).toEqual({
      credential: { kind: 'basic', username: 'ci', password: 'from-env' },
      source: 'PORTSIDE_REGISTRY_USER/PORTSIDE_REGISTRY_PASSWORD',
    });
    expect(asked()).toEqual([]);
  });

  it('takes PORTSIDE_REGISTRY_TOKEN as an identity token, with the user when one is given', async () => {
    expect(await lookup(HOST, { PORTSIDE_REGISTRY_TOKEN: 'rt-1' })).toEqual({
      credential: { kind: 'identity-token', token: 'rt-1' },
      source: 'PORTSIDE_REGISTRY_TOKEN',
    });
    expect(
      (await lookup(HOST, { PORTSIDE_REGISTRY_TOKEN: 'rt-1', PORTSIDE_REGISTRY_USER: 'me' }))
        ?.credential,
    ).toEqual({ kind: 'identity-token', token: 'rt-1', username: 'me' });
  });

  it('names the missing half of a user and password, and refuses a password beside a token', async () => {
    const userOnly = await failureOf(lookup(HOST, { PORTSIDE_REGISTRY_USER: 'ci' }));
    expect(userOnly).toBeInstanceOf(UsageError);
    expect(userOnly?.message).toBe(
      'PORTSIDE_REGISTRY_PASSWORD is not set, but PORTSIDE_REGISTRY_USER is',
    );
    expect((await failureOf(lookup(HOST, { PORTSIDE_REGISTRY_PASSWORD: 'p' })))?.message).toBe(
      'PORTSIDE_REGISTRY_USER is not set, but PORTSIDE_REGISTRY_PASSWORD is',
    );
    expect(
      await failureOf(
        lookup(HOST, { PORTSIDE_REGISTRY_TOKEN: 't', PORTSIDE_REGISTRY_PASSWORD: 'p' }),
      ),
    ).toBeInstanceOf(UsageError);
  });
});

describe('config.json', () => {
  it('asks the credHelpers entry for the registry first, with the host on stdin, before credsStore and auths', async () => {
    const specific = config.installHelper('specific', {
      answers: { [HOST]: { Username: 'robot', Secret: 's1' } },
    });
    const store = config.installHelper('store', {
      answers: { [HOST]: { Username: 'other', Secret: 's2' } },
    });
    config.writeConfig({
      credHelpers: { [HOST]: 'specific', 'ghcr.io': 'store' },
      credsStore: 'store',
      auths: { [HOST]: { auth: basicAuth('file', 'f') } },
    });
    const found = await lookup();
    expect(found?.credential).toEqual({ kind: 'basic', username: 'robot', password: 's1' });
    expect(found?.source).toBe(
      `docker-credential-specific (credHelpers["${HOST}"] in ${path.join(config.dir, 'config.json')})`,
    );
    expect(specific()).toEqual([HOST]);
    expect(store()).toEqual([]);
  });

  it('passes on to credsStore, then to auths, when a helper holds nothing for the registry', async () => {
    const specific = config.installHelper('specific', { answers: {} });
    const store = config.installHelper('store', {
      answers: { 'elsewhere.example': { Username: 'x', Secret: 'y' } },
    });
    config.writeConfig({
      credHelpers: { [HOST]: 'specific' },
      credsStore: 'store',
      auths: { [HOST]: { auth: basicAuth('file', 'f') } },
    });
    expect((await lookup())?.credential).toEqual({
      kind: 'basic',
      username: 'file',
      password: 'f',
    });
    expect(specific()).toEqual([HOST]);
    expect(store()).toEqual([HOST]);
  });

  it('uses credsStore for a registry without its own helper, before auths', async () => {
    config.installHelper('desktop', { answers: { [HOST]: { Username: 'dev', Secret: 'pw' } } });
    config.writeConfig({ credsStore: 'desktop', auths: { [HOST]: {} } });
    expect(await lookup()).toEqual({
      credential: { kind: 'basic', username: 'dev', password: 'pw' },
      source: `docker-credential-desktop (credsStore in ${path.join(config.dir, 'config.json')})`,
    });
  });

  it('reads a helper answer with Username "<token>" as an identity token', async () => {
    config.installHelper('oauth', {
      answers: { [HOST]: { Username: '<token>', Secret: 'refresh-me' } },
    });
    config.writeConfig({ credsStore: 'oauth' });
    expect((await lookup())?.credential).toEqual({ kind: 'identity-token', token: 'refresh-me' });
  });

  it('decodes the auth that docker login writes, keeping colons in the password', async () => {
    config.writeConfig({ auths: { [HOST]: { auth: basicAuth('deployer', 'pa:ss:word') } } });
    expect(await lookup()).toEqual({
      credential: { kind: 'basic', username: 'deployer', password: 'pa:ss:word' },
      source: `auths["${HOST}"] in ${path.join(config.dir, 'config.json')}`,
    });
  });

  it('reads username and password fields, and an identity token before them', async () => {
    config.writeConfig({
      auths: {
        [HOST]: { username: 'u', password: 'p' },
        'token.example': { username: 'u', identitytoken: 'idt', auth: basicAuth('u', 'old') },
      },
    });
    expect((await lookup())?.credential).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect((await lookup('token.example'))?.credential).toEqual({
      kind: 'identity-token',
      token: 'idt',
      username: 'u',
    });
  });

  it('matches keys written with a scheme or a path, as docker does', async () => {
    config.writeConfig({
      auths: {
        [`https://${HOST}/v1/`]: { auth: basicAuth('a', 'b') },
        'http://plain.example:8080': { auth: basicAuth('c', 'd') },
      },
    });
    expect((await lookup())?.credential).toEqual({ kind: 'basic', username: 'a', password: 'b' });
    expect((await lookup('plain.example:8080'))?.credential).toEqual({
      kind: 'basic',
      username: 'c',
      password: 'd',
    });
    expect(await lookup('plain.example')).toBeUndefined();
  });

  it('knows Docker Hub by its docker login key, whichever of its names the registry is given as', async () => {
    const asked = config.installHelper('hub', {
      answers: { 'https://index.docker.io/v1/': { Username: 'hubuser', Secret: 'pat' } },
    });
    config.writeConfig({ credHelpers: { 'https://index.docker.io/v1/': 'hub' } });
    expect((await lookup('docker.io'))?.credential).toEqual({
      kind: 'basic',
      username: 'hubuser',
      password: 'pat',
    });
    expect((await lookup('index.docker.io'))?.credential).toEqual({
      kind: 'basic',
      username: 'hubuser',
      password: 'pat',
    });
    expect(asked()).toEqual(['https://index.docker.io/v1/', 'https://index.docker.io/v1/']);
    config.writeConfig({ auths: { 'https://index.docker.io/v1/': { auth: basicAuth('h', 'p') } } });
    expect((await lookup('docker.io'))?.credential).toEqual({
      kind: 'basic',
      username: 'h',
      password: 'p',
    });
  });

  it('finds nothing without a config file, or without an entry for the registry', async () => {
    expect(await lookup()).toBeUndefined();
    config.writeConfig({ auths: { 'other.example': { auth: basicAuth('a', 'b') } } });
    expect(await lookup()).toBeUndefined();
  });

  it('reads ~/.docker/config.json when DOCKER_CONFIG is not set', async () => {
    mkdirSync(path.join(config.dir, 'home', '.docker'), { recursive: true });
    writeFileSync(
      path.join(config.dir, 'home', '.docker', 'config.json'),
      JSON.stringify({ auths: { [HOST]: { auth: basicAuth('home', 'h') } } }),
    );
    const found = await findCredential(HOST, { HOME: path.join(config.dir, 'home') });
    expect(found?.credential).toEqual({ kind: 'basic', username: 'home', password: 'h' });
  });
});

describe('what goes wrong', () => {
  it('a helper that is not installed: names the program and the file that configures it', async () => {
    config.writeConfig({ credHelpers: { [HOST]: 'ecr-login' } });
    const error = await failureOf(lookup());
    expect(error).toBeInstanceOf(EnvironmentError);
    const file = path.join(config.dir, 'config.json');
    expect(error?.message).toBe(
      `the credential helper docker-credential-ecr-login (credHelpers["${HOST}"] in ${file}) is not installed`,
    );
    expect((error as EnvironmentError).hint).toBe(`install it on PATH, or remove it from ${file}`);
  });

  it('a helper that fails: gives its own message and how to try it by hand', async () => {
    config.installHelper('pass', { fail: 'gpg: decryption failed: No secret key' });
    config.writeConfig({ credsStore: 'pass' });
    const error = await failureOf(lookup());
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error?.message).toBe(
      `the credential helper docker-credential-pass failed for ${HOST}: gpg: decryption failed: No secret key`,
    );
    expect((error as EnvironmentError).hint).toBe(`run: echo ${HOST} | docker-credential-pass get`);
  });

  it('a helper that answers something other than JSON', async () => {
    config.installHelper('odd', { raw: 'hello' });
    config.writeConfig({ credsStore: 'odd' });
    expect((await failureOf(lookup()))?.message).toBe(
      `the credential helper docker-credential-odd answered something that is not JSON for ${HOST}`,
    );
  });

  it('a config.json that is not JSON, or whose auth is not "user:password"', async () => {
    config.writeConfig('{ "auths": ');
    const broken = await failureOf(lookup());
    expect(broken).toBeInstanceOf(UsageError);
    expect(broken?.message).toMatch(
      new RegExp(`^${path.join(config.dir, 'config.json')} is not valid JSON`),
    );
    config.writeConfig({ auths: { [HOST]: { auth: Buffer.from('no-colon').toString('base64') } } });
    expect((await failureOf(lookup()))?.message).toBe(
      `auths["${HOST}"] in ${path.join(config.dir, 'config.json')} has an auth value that is not base64 of "user:password"`,
    );
    config.writeConfig({ credHelpers: { [HOST]: 42 } });
    expect(await failureOf(lookup())).toBeInstanceOf(UsageError);
  });
});

describe('engineAuth', () => {
  it('hands the Engine the same credential: user and password, or the identity token for the daemon to exchange', () => {
    expect(
      engineAuth(HOST, {
        credential: { kind: 'basic', username: 'u', password: 'p' },
        source: 'x',
      }),
    ).toEqual({ username: 'u', password: 'p', serveraddress: HOST });
    expect(
      engineAuth('docker.io', { credential: { kind: 'identity-token', token: 'rt' }, source: 'x' }),
    ).toEqual({
      username: '',
      password: '',
      identitytoken: 'rt',
      serveraddress: 'https://index.docker.io/v1/',
    });
    expect(engineAuth(HOST, undefined)).toBeUndefined();
  });
});
