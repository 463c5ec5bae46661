#!/usr/bin/env -S node --max-semi-space-size=32
// Entry point of the `cabledesk` command: loads the TypeScript sources through tsx's loader
// (no build step), then hands the arguments to the command dispatcher.
// --max-semi-space-size=32 (MB; Node's default is 16): parsing allocates many short-lived strings,
// and a larger young generation spends less time collecting them (reading and parsing cables.csv
// took about 15% less CPU in bench:parse). `npm start` and the benchmarks pass the same flag; the
// import's worker threads get the same size (src/store/import/importer.ts).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig (JSX settings) applies wherever the command is run from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
