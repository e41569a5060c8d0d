import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateObjects, parseEnvFile } from './generators';
import { KustomizeError } from './types';

describe('env files', () => {
  it('skips comments and blank lines and keeps values verbatim, = included', () => {
    expect(parseEnvFile('# note\n\nA=1\nURL=postgresql://u:p@h/db?x=y\n', 'f')).toEqual([
      ['A', '1'],
      ['URL', 'postgresql://u:p@h/db?x=y'],
    ]);
  });

  it('refuses a line that is not KEY=VALUE', () => {
    expect(() => parseEnvFile('JUST_A_NAME\n', 'f')).toThrow(KustomizeError);
  });
});

describe('generateObjects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-generators-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'admin.env'), '# dev only\nADMIN_TOKEN=t0ken\n');
  writeFileSync(join(dir, 'nginx.conf'), 'server {}\n');

  it('makes an Opaque Secret with base64 data and a ConfigMap with files and literals', () => {
    const [configMap, secret] = generateObjects(
      [{ name: 'edge', files: ['nginx.conf'], literals: ['MODE=fast'] }],
      [{ name: 'admin', envs: ['admin.env'] }],
      { disableNameSuffixHash: true, labels: { tier: 'x' } },
      dir,
    );
    expect(configMap).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'edge', labels: { tier: 'x' } },
      data: { 'nginx.conf': 'server {}\n', MODE: 'fast' },
    });
    expect(secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'admin', labels: { tier: 'x' } },
      type: 'Opaque',
      data: { ADMIN_TOKEN: Buffer.from('t0ken').toString('base64') },
    });
  });

  it('refuses to generate without disableNameSuffixHash, since it renders no hash suffix', () => {
    expect(() => generateObjects([], [{ name: 'admin', envs: ['admin.env'] }], {}, dir)).toThrow(
      /disableNameSuffixHash/,
    );
  });

  it('refuses a key given twice', () => {
    expect(() =>
      generateObjects(
        [{ name: 'c', literals: ['A=1', 'A=2'] }],
        [],
        { disableNameSuffixHash: true },
        dir,
      ),
    ).toThrow(/twice/);
  });
});
