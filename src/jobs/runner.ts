/**
 * The worker loop of one app server: claims due jobs of the kinds it has handlers for (never more
 * than it has free slots), runs each handler, keeps the lease of a running job alive, and records
 * the outcome (done, or a failed attempt: retried with backoff, or failed for good). `stop()` claims
 * nothing more, gives back claims not yet started and waits for the running handlers (up to
 * `stopTimeoutMs`, then aborts their signal and leaves them to lease expiry). A handler's signal
 * also aborts when its lease is lost (another worker has the job now). Now and then (hourly) it
 * deletes jobs finished more than `keepFinishedMs` ago.
 */
import { PermanentJobError, RetryJobError } from './errors.ts';
import { type Job, type JobQueue, newWorkerId } from './queue.ts';

/** Handles one job; resolves when done, throws to fail the attempt (see ./errors.ts). */
export type JobHandler = (payload: unknown, job: Job, signal: AbortSignal) => Promise<void>;

export interface JobRunnerOptions {
  /** How often to look for due jobs when the queue was empty (default 1000 ms). */
  pollMs?: number;
  /** Handlers running at once (default 2). */
  concurrency?: number;
  /** How long a claim lasts without news from this runner (default 60 s); renewed every third. */
  leaseMs?: number;
  /** How long `stop()` waits for running handlers (default 30 s). */
  stopTimeoutMs?: number;
  workerId?: string;
  /** Finished (done or failed) jobs are deleted after this long (default 7 days; false: kept). */
  keepFinishedMs?: number | false;
  /** Told about errors of the loop itself (database down) and of failed jobs. Default: console.error. */
  onError?: (error: unknown, job?: Job) => void;
}

const PRUNE_EVERY_MS = 3_600_000;

export class JobRunner {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly stopTimeoutMs: number;
  private readonly onError: (error: unknown, job?: Job) => void;
  private readonly kinds: string[];
  private readonly keepFinishedMs: number | false;
  private readonly running = new Map<number, Promise<void>>();
  /** The abort controller of each running handler. */
  private readonly signals = new Map<number, AbortController>();
  private lastPrune = 0;
  private loop: Promise<void> | null = null;
  private stopping = false;
  /** Wakes the loop from its sleep (new work, a free slot, or stop). */
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    options: JobRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? newWorkerId();
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
    this.onError =
      options.onError ??
      ((error, job) => console.error(job ? `job ${job.id} (${job.kind}):` : 'jobs:', error));
    this.kinds = Object.keys(handlers);
    this.keepFinishedMs = options.keepFinishedMs ?? 7 * 86_400_000;
  }

  start(): this {
    if (!this.loop && !this.stopping) this.loop = this.run();
    return this;
  }

  /** Look for due jobs now (e.g. right after enqueueing one in this process). */
  wake(): void {
    this.wakeUp?.();
  }

  /** How many handlers are running now. */
  get active(): number {
    return this.running.size;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    const all = Promise.allSettled(this.running.values());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.stopTimeoutMs);
    });
    const outcome = await Promise.race([all, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      for (const controller of this.signals.values()) controller.abort(new Error('job runner stopped'));
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      await this.pruneNowAndThen();
      const free = this.concurrency - this.running.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await this.queue.claim(this.workerId, free, this.leaseMs, this.kinds);
        } catch (error) {
          this.onError(error);
        }
      }
      if (this.stopping) {
        await this.queue.release(claimed).catch((error) => this.onError(error));
        break;
      }
      for (const job of claimed) this.begin(job);
      // Claim again at once while the queue keeps filling every free slot; else sleep.
      if (free > 0 && claimed.length === free) continue;
      await this.sleep(free > 0 ? this.pollMs : this.pollMs * 10);
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    if (this.keepFinishedMs === false || Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.queue.prune(Date.now() - this.keepFinishedMs).catch((error) => this.onError(error));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private begin(job: Job): void {
    const controller = new AbortController();
    this.signals.set(job.id, controller);
    const work = this.execute(job, controller).finally(() => {
      this.running.delete(job.id);
      this.signals.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, work);
  }

  private async execute(job: Job, controller: AbortController): Promise<void> {
    const handler = this.handlers[job.kind];
    const heartbeat = setInterval(
      () => {
        this.queue.extend(job, this.leaseMs).then(
          (kept) => {
            if (!kept) controller.abort(new Error(`job ${job.id}: lease lost to another worker`));
          },
          (error) => this.onError(error, job),
        );
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
      await handler(job.payload, job, controller.signal);
      clearInterval(heartbeat);
      await this.queue.complete(job);
    } catch (error) {
      clearInterval(heartbeat);
      this.onError(error, job);
      await this.queue
        .fail(job, error, {
          permanent: error instanceof PermanentJobError,
          ...(error instanceof RetryJobError ? { retryInMs: error.delayMs } : {}),
        })
        .catch((failError) => this.onError(failError, job));
    }
  }
}
