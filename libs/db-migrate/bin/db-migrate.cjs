#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (a dev tool: images run the bundled migrate entry instead).
require('tsx/cjs');
require('../src/cli.ts');
