// Runs every `*.test.ts` under src/, bench/ and scripts/ with Node's test runner and tsx.
// Node 20 does not expand globs itself, hence this small finder. Extra arguments are passed on
// (e.g. `npm test -- --test-name-pattern=tags`); a path argument limits the run to files under it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));

function find(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = (roots.length ? roots : ['src', 'bench', 'scripts'])
  .flatMap((root) => (statSync(root).isDirectory() ? find(root, []) : [root]))
  .sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...flags, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
