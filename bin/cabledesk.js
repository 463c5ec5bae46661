#!/usr/bin/env node
// Entry point of the `cabledesk` command: loads the TypeScript sources through tsx's loader
// (no build step), then hands the arguments to the command dispatcher.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig (JSX settings) applies wherever the command is run from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
