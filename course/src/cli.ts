import { courseEnv } from './env';
import { findLesson, LESSONS } from './lessons';
import { passed } from './verdict';

/** `npm run course:check -- <lesson>`: exit 0 when the lesson's exercise is done, 1 when not, 2 on a bad name. */
async function main(argv: string[]): Promise<number> {
  const [name] = argv;
  const lesson = name ? findLesson(name) : undefined;
  if (!lesson) {
    process.stderr.write(
      `${name ? `no lesson "${name}"` : 'name a lesson'}: npm run course:check -- <lesson>, one of\n` +
        LESSONS.map((l) => `  ${l.id}  ${l.slug}`).join('\n') +
        '\n',
    );
    return 2;
  }
  const findings = await lesson.check(courseEnv());
  process.stdout.write(`lesson ${lesson.id}: ${lesson.title}\n`);
  for (const f of findings) process.stdout.write(`  ${f.ok ? 'ok  ' : 'TODO'}  ${f.what}\n`);
  const done = passed(findings);
  process.stdout.write(done ? 'done: the exercise is complete\n' : 'not yet: see the TODO lines\n');
  return done ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`course:check failed: ${error.message}\n`);
    process.exit(2);
  },
);
