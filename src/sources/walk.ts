/**
 * Walks a folder tree and lists its files in a stable order (names sorted by code unit at each
 * level, folders entered where their name falls), one at a time, so a tree of 250,000 pages is
 * never listed whole. Hidden entries (starting with `.`) are skipped.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir` whose name `accept`s, depth first in sorted order. */
export async function* walkFiles(dir: string, accept: (name: string) => boolean): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path, accept);
    else if (entry.isFile() && accept(entry.name)) yield path;
  }
}

/** The files under `dir` whose name `accept`s, as one sorted list; empty when `dir` does not exist. */
export async function listFiles(dir: string, accept: (name: string) => boolean): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const path of walkFiles(dir, accept)) files.push(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return files;
}
