#!/usr/bin/env node
// Entry point of the `cabledesk` command: loads the TypeScript sources through tsx's loader
// (no build step), then hands the arguments to the command dispatcher.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
