/*
 * Checks GitHub Actions workflow files with GitHub's own workflow parser (the one the
 * Actions language service uses): schema, expressions and job structure, offline.
 * Usage: tsx deploy/cli/scripts/check-workflows.mts <file.yml>...  Exit 1 when any is invalid.
 * (tsx, not node: the parser imports its JSON schema without an import attribute.)
 */
import { readFileSync } from 'node:fs';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';

async function problemsOf(file: string): Promise<string[]> {
  const parsed = parseWorkflow(
    { name: file, content: readFileSync(file, 'utf8') },
    new NoOperationTraceWriter(),
  );
  const problems = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value && problems.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    problems.push(...(template.errors ?? []).map((error) => error.Message));
  }
  return problems;
}

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: check-workflows <workflow.yml>...\n');
    return 2;
  }
  let invalid = 0;
  for (const file of files) {
    const problems = await problemsOf(file);
    if (problems.length > 0) invalid += 1;
    process.stdout.write(
      problems.length === 0 ? `ok ${file}\n` : problems.map((p) => `invalid ${p}\n`).join(''),
    );
  }
  return invalid === 0 ? 0 : 1;
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
