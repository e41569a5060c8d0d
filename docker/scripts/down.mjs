#!/usr/bin/env node
// `npm stop`: stops and removes the stack's containers and networks. The
// database and Redis volumes stay unless `--volumes` is given.
import { compose, composeFile } from './compose.mjs';

const args = ['down', '--remove-orphans'];
if (process.argv.includes('--volumes')) args.push('--volumes');
await compose([composeFile], args);
