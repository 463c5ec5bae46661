// Entry of the import's worker thread: worker threads do not inherit the main thread's TypeScript
// loader (tsx), so register it here, then load the worker proper (named in workerData.entry).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
