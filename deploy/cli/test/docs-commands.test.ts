import { readFileSync } from 'node:fs';
import path from 'node:path';
import { version } from '../package.json';
import { program } from '../src/program';
import { REPO_ROOT } from './support/git-workspace';
import { runCli } from './support/run-cli';

// Every portside command the deploy docs show exists, with the flags docs/deploy.md shows with
// it, so the docs cannot drift from the tool; the binary's own --help and --version are run.

const DOCS = ['docs/deploy.md', 'docs/ci-cd.md', 'docs/kubernetes.md'].map((file) => ({
  file,
  text: readFileSync(path.join(REPO_ROOT, file), 'utf8'),
}));

/** `npx portside <command> [args]` as written in a doc, up to the end of the line or a comment. */
function shown(text: string): { command: string; flags: string[] }[] {
  return [...text.matchAll(/npx portside ([a-z][a-z-]*)([^\n#`|]*)/g)].map((match) => ({
    command: match[1] as string,
    flags: [...(match[2] ?? '').matchAll(/(?:^|\s|\[)(--?[a-z][a-z-]*)/g)].map(
      (flag) => flag[1] as string,
    ),
  }));
}

const flagsOf = (name: string) => {
  const command = program.commands.find((candidate) => candidate.name() === name);
  return command && command.options.flatMap((option) => [option.long, option.short]);
};

it('every command the deploy docs show exists and takes the flags shown with it', () => {
  const shownCommands = new Set<string>();
  for (const { file, text } of DOCS) {
    for (const { command, flags } of shown(text)) {
      shownCommands.add(command);
      expect({ command, exists: flagsOf(command) !== undefined }).toEqual({
        command,
        exists: true,
      });
      // docs/ci-cd.md also shows deploy --verify, which comes with the verification work.
      if (file === 'docs/ci-cd.md') continue;
      for (const flag of flags)
        expect({ command, flag, taken: flagsOf(command)?.includes(flag) }).toEqual({
          command,
          flag,
          taken: true,
        });
    }
  }
  expect([...shownCommands]).toEqual(
    expect.arrayContaining(['releases', 'rollback', 'restart', 'scale', 'status', 'unlock']),
  );
});

it('status takes no --manifests: it finds the namespace as deploy does', () => {
  expect(flagsOf('status')).not.toContain('--manifests');
});

it('the binary lists every command in its --help and prints its version', async () => {
  const [help, printed] = await Promise.all([
    runCli(['--help'], { cwd: REPO_ROOT }),
    runCli(['--version'], { cwd: REPO_ROOT }),
  ]);
  expect(help.code).toBe(0);
  for (const command of program.commands)
    expect(help.stdout).toMatch(new RegExp(`^  ${command.name()}\\b`, 'm'));
  expect(printed).toMatchObject({ code: 0, stdout: `${version}\n` });
});
