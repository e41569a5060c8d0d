import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { CourseEnv } from '../env';
import { finding, type Finding } from '../verdict';

/** The file lesson 2's exercise hardens. */
export const exerciseDockerfile = (env: CourseEnv): string =>
  path.join(env.workDir, '02', 'Dockerfile');

const lineOf = (instruction: Instruction) => instruction.getRange().start.line + 1;
const args = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';

/** The rules of docs/containers.md for a service image, each named so a broken one says which. */
export function hardeningFindings(text: string): Finding[] {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const froms = instructions.filter((i) => i.getKeyword() === 'FROM');
  const lastFrom = froms.at(-1);
  const runtime = instructions.filter((i) => lastFrom && lineOf(i) > lineOf(lastFrom));
  const keyword = (list: Instruction[], name: string) =>
    list.filter((i) => i.getKeyword() === name);
  const user = keyword(runtime, 'USER').at(-1);
  const healthcheck = keyword(runtime, 'HEALTHCHECK').at(-1);
  const cmd = keyword(runtime, 'CMD').at(-1);
  const installs = keyword(instructions, 'RUN').filter((i) => /\bnpm (install|i)\b/.test(args(i)));
  const secrets = keyword(instructions, 'ENV').filter((i) =>
    /(PASSWORD|SECRET|TOKEN)\w*=/i.test(args(i)),
  );
  const stageNames = new Set(froms.map((f) => args(f).split(/\s+/)[2]).filter(Boolean));
  const pinned = froms.filter((f) => {
    const image = args(f).split(/\s+/)[0] ?? '';
    return !image.startsWith('${') && !stageNames.has(image);
  });
  return [
    finding(froms.length >= 2, 'multi-stage: the runtime stage is not the build stage'),
    finding(
      pinned.length === 0,
      `base images come from a build argument (ARG NODE_IMAGE)${pinned.map((f) => `; line ${lineOf(f)} names one`).join('')}`,
    ),
    finding(
      !!user && !/^(root|0)(:|$)/.test(args(user).trim()),
      'the runtime stage runs as a user other than root (USER)',
    ),
    finding(
      !!healthcheck && !/^NONE$/i.test(args(healthcheck).trim()),
      'the runtime stage has a HEALTHCHECK',
    ),
    finding(
      !!cmd && args(cmd).trim().startsWith('['),
      'CMD is in exec form (JSON), so the process gets SIGTERM itself',
    ),
    finding(
      installs.length === 0,
      `dependencies are installed with npm ci from the lockfile${installs.map((i) => `; line ${lineOf(i)} runs npm install`).join('')}`,
    ),
    finding(
      keyword(instructions, 'ADD').length === 0,
      'files are copied with COPY (ADD fetches URLs and unpacks archives)',
    ),
    finding(
      secrets.length === 0,
      `no password, secret or token is baked into the image (ENV)${secrets.map((i) => `; line ${lineOf(i)}`).join('')}`,
    ),
  ];
}

/** Lesson 2: course/work/02/Dockerfile keeps every rule. */
export async function checkHardening(env: CourseEnv): Promise<Finding[]> {
  const file = exerciseDockerfile(env);
  if (!existsSync(file)) return [finding(false, 'course/work/02/Dockerfile exists')];
  return hardeningFindings(readFileSync(file, 'utf8'));
}
