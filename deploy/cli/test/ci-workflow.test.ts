import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { parseRegistry } from '../src/commands/push';
import { REPO_ROOT } from './support/git-workspace';
import { runCli } from './support/run-cli';

// The pipeline forks run (.github/workflows): valid for GitHub's own workflow parser
// (@actions/workflow-parser, its published schema included), and each step's shell run here as far
// as this machine allows. What needs GitHub itself (the registry login, a cluster) is not run.

const WORKFLOWS = path.join(REPO_ROOT, '.github/workflows');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const CHECK = path.resolve(__dirname, '../scripts/check-workflows.mts');

/** The parser's verdict on workflow files: its exit code and what it printed. */
function checkWorkflows(paths: string[]): { code: number | null; out: string } {
  const result = spawnSync(TSX, [CHECK, ...paths], { encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    { if?: string; needs?: string; permissions?: Record<string, string>; steps: Step[] }
  >;
}

const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
const load = (file: string) => parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
const pipeline = load('ci-cd.yml');
const step = (job: string, name: string) => {
  const found = pipeline.jobs[job]?.steps.find((candidate) => candidate.name === name);
  if (!found?.run) throw new Error(`no run step "${name}" in job ${job}`);
  return found.run;
};

let scratch: string;
beforeEach(() => (scratch = mkdtempSync(path.join(os.tmpdir(), 'portside-ci-step-'))));
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a step's script with bash, as the runner does (bash -e), and returns what it wrote to GITHUB_ENV. */
function runStep(script: string, env: Record<string, string>): Record<string, string> {
  const githubEnv = path.join(scratch, 'github-env');
  execFileSync('bash', ['-e', '-c', script], {
    env: {
      PATH: process.env.PATH,
      HOME: scratch,
      RUNNER_TEMP: scratch,
      GITHUB_ENV: githubEnv,
      ...env,
    },
    stdio: 'pipe',
  });
  return Object.fromEntries(
    readFileSync(githubEnv, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('the workflow files', () => {
  it.each(files)("%s is valid for GitHub's workflow parser", (file) => {
    const checked = checkWorkflows([path.join(WORKFLOWS, file)]);
    expect(checked.out).toMatch(/^ok /);
    expect(checked.code).toBe(0);
  });

  it('the parser does refuse a broken workflow (a job without runs-on, an unknown key)', () => {
    const broken = structuredClone(pipeline) as unknown as {
      jobs: Record<string, Record<string, unknown>>;
    };
    delete broken.jobs.test?.['runs-on'];
    broken.jobs.test!['deploys'] = true;
    const file = path.join(scratch, 'broken.yml');
    writeFileSync(file, stringify(broken));
    const checked = checkWorkflows([file]);
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/Required property is missing: runs-on/);
    expect(checked.out).toMatch(/Unexpected value 'deploys'/);
  });
});

describe('the pipeline', () => {
  it('tests pull requests; builds, pushes and deploys only from main, deploying with --verify', () => {
    expect(Object.keys(pipeline.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(pipeline.jobs.test?.if).toBeUndefined();
    expect(step('test', 'Test')).toBe('npm test');
    expect(pipeline.jobs.images?.if).toContain("github.ref == 'refs/heads/main'");
    expect(pipeline.jobs.images?.permissions).toMatchObject({ packages: 'write' });
    expect(pipeline.jobs.deploy?.needs).toBe('images');
    expect(step('deploy', 'Deploy, then verify')).toMatch(
      /^npx portside deploy --target "\$PORTSIDE_TARGET" --verify "\$PORTSIDE_VERIFY_PROFILE"/,
    );
  });

  it('names every portside command it runs as one that exists', async () => {
    const commands = new Set(
      Object.values(pipeline.jobs)
        .flatMap((job) => job.steps)
        .flatMap((candidate) => [...(candidate.run ?? '').matchAll(/npx portside (\w+)/g)])
        .map((match) => match[1] as string),
    );
    expect([...commands].sort()).toEqual(['build', 'deploy', 'push', 'releases']);
    const help = await runCli(['--help'], { cwd: REPO_ROOT });
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('pushes to ghcr.io under the owner in lower case, which portside push takes', () => {
    const written = runStep(step('images', 'Registry (ghcr.io wants the owner in lower case)'), {
      GITHUB_REPOSITORY_OWNER: 'Acme-Shops',
    });
    expect(written).toEqual({ PORTSIDE_REGISTRY: 'ghcr.io/acme-shops' });
    expect(parseRegistry(written.PORTSIDE_REGISTRY as string)).toEqual({
      host: 'ghcr.io',
      namespace: 'acme-shops',
    });
  });

  it('writes the kubeconfig secret to a file only its owner reads, and points KUBECONFIG at it', () => {
    const kubeconfig = 'apiVersion: v1\nkind: Config\ncurrent-context: prod';
    const written = runStep(step('deploy', 'Kubernetes credentials'), {
      KUBECONFIG_CONTENT: kubeconfig,
    });
    expect(written).toEqual({ KUBECONFIG: path.join(scratch, 'kubeconfig') });
    expect(readFileSync(path.join(scratch, 'kubeconfig'), 'utf8')).toBe(`${kubeconfig}\n`);
    expect(statSync(path.join(scratch, 'kubeconfig')).mode & 0o777).toBe(0o600);
  });

  it('loads the SSH key into an agent for later steps and points DOCKER_HOST at the Compose host', () => {
    const key = path.join(scratch, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ci', '-f', key]);
    const written = runStep(
      `${step('deploy', 'Compose host over SSH')}\necho "$SSH_AGENT_PID" > "$RUNNER_TEMP/agent.pid"`,
      {
        SSH_KEY: readFileSync(key, 'utf8'),
        SSH_KNOWN_HOSTS: 'compose.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample',
        DOCKER_HOST_URL: 'ssh://deploy@compose.example',
      },
    );
    const agentPid = Number(readFileSync(path.join(scratch, 'agent.pid'), 'utf8'));
    try {
      expect(written).toEqual({
        SSH_AUTH_SOCK: path.join(scratch, 'ssh-agent.sock'),
        DOCKER_HOST: 'ssh://deploy@compose.example',
      });
      const listed = spawnSync('ssh-add', ['-l'], {
        env: { PATH: process.env.PATH, SSH_AUTH_SOCK: written.SSH_AUTH_SOCK },
      });
      expect(listed.stdout.toString()).toMatch(/ci \(ED25519\)/);
      expect(readFileSync(path.join(scratch, '.ssh/known_hosts'), 'utf8')).toContain(
        'compose.example ssh-ed25519',
      );
    } finally {
      process.kill(agentPid);
    }
  });
});
