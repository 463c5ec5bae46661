/**
 * The background side of linkbacks in one app server: the job queue, the Linkbacks object the
 * web app shares (so a verification shows on its pages at once) and a JobRunner for the
 * verification and sending jobs. `cabledesk serve` starts one per server process; the queue is
 * in the database, so several servers share the work safely.
 */
import { createJobQueue, type Job, type JobQueue } from '../jobs/queue.ts';
import { JobRunner, type JobRunnerOptions } from '../jobs/runner.ts';
import type { Store } from '../store/store.ts';
import { type LinkbackOptions, Linkbacks } from './linkbacks.ts';

export interface LinkbackJobs {
  linkbacks: Linkbacks;
  queue: JobQueue;
  runner: JobRunner;
  /** Jobs per state (for the metrics). */
  counts(): Promise<Partial<Record<string, number>>>;
  /** Stops the runner (running jobs finish, claimed ones are given back). */
  stop(): Promise<void>;
}

export function startLinkbackJobs(
  store: Store,
  options: LinkbackOptions & {
    runner?: JobRunnerOptions;
    onError?: (error: unknown, job?: Job) => void;
  } = {},
): LinkbackJobs {
  const queue = createJobQueue(store);
  const linkbacks = new Linkbacks(store, queue, options);
  const runner = new JobRunner(queue, linkbacks.jobHandlers(), {
    pollMs: 1000,
    concurrency: 2,
    ...(options.onError ? { onError: options.onError } : {}),
    ...options.runner,
  });
  linkbacks.onEnqueue = () => runner.wake();
  runner.start();
  return {
    linkbacks,
    queue,
    runner,
    counts: () => queue.counts(),
    stop: () => runner.stop(),
  };
}
