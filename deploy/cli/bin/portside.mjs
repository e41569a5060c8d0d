#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx (installed at the workspace root) compiles them on load.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli.ts', import.meta.url);
