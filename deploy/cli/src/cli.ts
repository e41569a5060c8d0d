import { program } from './program';

void program.parseAsync(process.argv);
