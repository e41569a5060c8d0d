import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'shell-quote';
import { REPO_ROOT } from './git-workspace';

/** One command as a doc shows it: continuation lines joined, a loop or heredoc kept whole. */
export interface DocCommand {
  doc: string;
  line: number;
  /** The command without its trailing comment, whitespace collapsed. */
  text: string;
  /** The body of a heredoc (`<<'EOF'` ... `EOF`), when it has one. */
  heredoc?: string;
}

/** README.md and every page of docs/ (not the generated API reference, not docs/course/). */
export function documents(): string[] {
  const pages = readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((file) => file.endsWith('.md') && file !== 'api.md')
    .map((file) => `docs/${file}`);
  return ['README.md', ...pages.sort()];
}

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console']);
// An untagged fence is a shell block when it starts with a command (not a diagram or output).
const COMMAND_START = /^(npx|npm|node|docker|kubectl|kind|minikube|portside|curl|k6)\s/;

/** Every command in the shell blocks of a doc. */
export function commandsIn(doc: string): DocCommand[] {
  const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
  const commands: DocCommand[] = [];
  for (const fence of text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
    const [, lang = '', body = ''] = fence;
    if (!SHELL_FENCES.has(lang) && !(lang === '' && COMMAND_START.test(body.trimStart()))) continue;
    const firstLine = text.slice(0, fence.index).split('\n').length + 1;
    commands.push(...splitBlock(body, firstLine).map((command) => ({ doc, ...command })));
  }
  return commands;
}

function splitBlock(body: string, firstLine: number): Omit<DocCommand, 'doc'>[] {
  const lines = body.split('\n');
  const commands: Omit<DocCommand, 'doc'>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = i + firstLine;
    let text = lines[i]!;
    if (!text.trim() || text.trim().startsWith('#')) continue;
    // A line ending in \ or | goes on; a loop goes on to its `done`.
    while (/(\\|\|)\s*$/.test(stripComment(text)) && i + 1 < lines.length)
      text = `${stripComment(text).replace(/\\\s*$/, '')} ${lines[++i]}`;
    if (/^\s*for\s/.test(text) && !/\bdone\b/.test(text))
      while (i + 1 < lines.length && !/\bdone\b/.test(text))
        text += `${/(\bdo|\|)\s*$/.test(text) ? '' : ';'} ${lines[++i]!.trim()}`;
    let heredoc: string | undefined;
    const marker = /<<-?'?(\w+)'?/.exec(text);
    if (marker) {
      const end = lines.indexOf(marker[1]!, i + 1);
      heredoc = lines.slice(i + 1, end).join('\n');
      i = end;
    }
    commands.push({ line, text: normalize(stripComment(text)), heredoc });
  }
  return commands;
}

/** The command without a trailing `# comment` (a # inside quotes or a word stays). */
function stripComment(text: string): string {
  const comment = parse(text, (name) => `$${name}`).find(
    (token): token is { comment: string } => typeof token === 'object' && 'comment' in token,
  );
  return comment ? text.slice(0, text.lastIndexOf(`#${comment.comment}`)).trimEnd() : text;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').replace(/;\s*;/g, ';').trim();

/** The words of a command, variables left as written, operators as their text. */
export function words(text: string): string[] {
  return parse(text, (name) => `$${name}`).map((token) =>
    typeof token === 'string' ? token : 'op' in token ? token.op : '',
  );
}
