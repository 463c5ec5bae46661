/**
 * Search prepared after the archive changed (an import, a restore): SearchEngine.warm with a
 * progress bar, and how long it took on standard error. A failure is reported; what was loaded
 * stands.
 */
import { openSearch } from '../search/open.ts';
import type { Store } from '../store/store.ts';
import { startProgress } from './progress.ts';

/** SearchEngine.warm with a progress bar; a failure is reported, the load stands. */
export async function warmSearch(store: Store): Promise<void> {
  const started = performance.now();
  const progress = startProgress({ label: 'preparing search', itemName: 'common words searched' });
  try {
    const engine = await openSearch(store);
    const words = await engine.warm({ onWord: () => progress.addItem() });
    progress.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`search prepared in ${seconds} s (catalogue and ${words.length} common words)\n`);
  } catch (error) {
    progress.stop();
    process.stderr.write(
      `could not prepare search (the first searches will do it): ${error instanceof Error ? error.message : error}\n`,
    );
  }
}
