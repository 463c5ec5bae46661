/**
 * `npm run bench`: runs every benchmark in bench/ (each `*.ts` file except this one and tests),
 * one after the other in its own process so they do not disturb each other, with the same
 * environment (CABLEDESK_CORPUS ...) and their default options (each takes different options: run
 * one directly to pass any). Exits non-zero when a benchmark crashed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== self && !name.endsWith('.test.ts'))
  .sort();

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(
    `Usage: npm run bench\nRuns, with their default options: ${benches.map((b) => `bench/${b}`).join(', ')}`,
  );
  process.exit(0);
}

let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, name)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name} exited with ${result.status ?? result.signal}`);
  }
}
console.log(`\n${benches.length} benchmarks run, ${failed} crashed`);
process.exitCode = failed ? 1 : 0;
