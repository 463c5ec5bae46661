/**
 * Several server processes on one port (node:cluster). The primary forks the workers (each runs
 * the same command, says hello once it listens for messages and gets its settings back), says when all of them listen,
 * replaces a worker that dies (waiting longer each time one dies young, so a crash loop does not
 * spin), and on SIGTERM/SIGINT asks every worker to stop, waits for them (killing stragglers after
 * the timeout) and returns. A worker that fails before all are ready ends the whole start. The
 * kernel shares out the connections (SCHED_NONE, see below).
 *
 * Metrics: a worker answering /metrics asks the primary, which gathers every live worker's
 * families (at most 2 s) and answers with them joined, each sample labelled with its worker's pid.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.ts';
import { joinWorkerFamilies, type MetricFamily } from './metrics.ts';

type Message =
  | { cabledesk: 'hello' }
  | { cabledesk: 'settings'; settings: unknown }
  | { cabledesk: 'gather'; id: number }
  | { cabledesk: 'gathered'; id: number; families: MetricFamily[] }
  | { cabledesk: 'snapshot'; id: number }
  | { cabledesk: 'snapshotted'; id: number; pid: number; families: MetricFamily[] };

const isMessage = (m: unknown): m is Message => typeof m === 'object' && m !== null && 'cabledesk' in m;

const GATHER_TIMEOUT_MS = 2000;
/** A worker that dies within this time of its start counts as dying young. */
const YOUNG_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

export interface PrimaryOptions {
  workers: number;
  /** Sent to each worker as its first message (see `workerSettings`). */
  settings: unknown;
  logger: Logger;
  /** How long the workers get to stop before they are killed (their own drain time plus a margin). */
  stopTimeoutMs: number;
  /** Called once, when every first worker listens. */
  onReady(): void;
}

/** Runs the primary until a signal stops it (0) or a worker fails during the start (1). */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const { logger } = options;
  const started = new Map<Worker, number>();
  let ready = false;
  let stopping = false;
  let listening = 0;
  let youngDeaths = 0;
  let nextGather = 0;
  const gathers = new Map<
    number,
    { pending: Set<number>; results: { pid: number; families: MetricFamily[] }[]; done(): void }
  >();

  // The kernel hands connections to the workers (one shared accept queue) instead of the primary
  // passing each one on: with round-robin, a connection handed to a worker in the moment it dies
  // hangs for ever; here the other workers simply accept it.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  return new Promise<number>((resolve) => {
    const fork = () => {
      const worker = cluster.fork();
      started.set(worker, Date.now());
      worker.on('message', (m: unknown) => onMessage(worker, m));
      logger.debug('worker started', { worker: worker.process.pid });
    };

    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const alive = [...started.keys()].filter((w) => !w.isDead());
      if (alive.length === 0) {
        resolve(code);
        return;
      }
      logger.info('stopping the workers', { workers: alive.length });
      for (const w of alive) w.process.kill('SIGTERM');
      const killer = setTimeout(() => {
        for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
      }, options.stopTimeoutMs);
      let left = alive.length;
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) {
            clearTimeout(killer);
            resolve(code);
          }
        });
      }
    };

    const onSignal = () => stop(0);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);

    cluster.on('listening', () => {
      if (ready) return;
      if (++listening === options.workers) {
        ready = true;
        options.onReady();
      }
    });

    cluster.on('exit', (worker, code, signal) => {
      const bornAt = started.get(worker) ?? 0;
      started.delete(worker);
      for (const g of gathers.values()) {
        g.pending.delete(worker.process.pid ?? -1);
        if (g.pending.size === 0) g.done();
      }
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!ready) {
        logger.error('a worker stopped before the server was ready', {
          worker: worker.process.pid,
          exit: how,
        });
        stop(1);
        return;
      }
      youngDeaths = Date.now() - bornAt < YOUNG_MS ? youngDeaths + 1 : 0;
      const delay = youngDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (youngDeaths - 1));
      logger.warn('worker died; starting another', { worker: worker.process.pid, exit: how, delayMs: delay });
      setTimeout(() => {
        if (!stopping) fork();
      }, delay).unref();
    });

    const onMessage = (from: Worker, m: unknown) => {
      if (!isMessage(m)) return;
      if (m.cabledesk === 'hello') {
        from.send({ cabledesk: 'settings', settings: options.settings } satisfies Message);
      } else if (m.cabledesk === 'gather') {
        const id = ++nextGather;
        const alive = [...started.keys()].filter((w) => !w.isDead() && w.isConnected());
        const results: { pid: number; families: MetricFamily[] }[] = [];
        const answer = () => {
          if (!gathers.delete(id)) return;
          clearTimeout(timer);
          results.sort((a, b) => a.pid - b.pid);
          if (from.isConnected()) {
            from.send({
              cabledesk: 'gathered',
              id: m.id,
              families: joinWorkerFamilies(results),
            } satisfies Message);
          }
        };
        const timer = setTimeout(answer, GATHER_TIMEOUT_MS);
        gathers.set(id, { pending: new Set(alive.map((w) => w.process.pid ?? -1)), results, done: answer });
        for (const w of alive) w.send({ cabledesk: 'snapshot', id } satisfies Message);
        if (alive.length === 0) answer();
      } else if (m.cabledesk === 'snapshotted') {
        const g = gathers.get(m.id);
        if (!g) return;
        g.results.push({ pid: m.pid, families: m.families });
        g.pending.delete(m.pid);
        if (g.pending.size === 0) g.done();
      }
    };

    for (let i = 0; i < options.workers; i++) fork();
  });
}

/** In a worker: the settings the primary sent (its first message). */
export function workerSettings<S>(): Promise<S> {
  return new Promise<S>((resolve) => {
    const onMessage = (m: unknown) => {
      if (isMessage(m) && m.cabledesk === 'settings') {
        process.off('message', onMessage);
        resolve(m.settings as S);
      }
    };
    process.on('message', onMessage);
    // Asked for only now: a message sent before this process listens for messages would be lost.
    process.send?.({ cabledesk: 'hello' } satisfies Message);
  });
}

/**
 * In a worker: answers the primary's snapshot requests with `local()`, and returns the function
 * that asks the primary for every worker's families (this worker's alone if the primary is gone).
 */
export function workerMetrics(local: () => Promise<MetricFamily[]>): () => Promise<MetricFamily[]> {
  let nextId = 0;
  const waiting = new Map<number, (families: MetricFamily[]) => void>();
  process.on('message', (m: unknown) => {
    if (!isMessage(m)) return;
    if (m.cabledesk === 'snapshot') {
      void local().then((families) =>
        process.send?.({ cabledesk: 'snapshotted', id: m.id, pid: process.pid, families } satisfies Message),
      );
    } else if (m.cabledesk === 'gathered') {
      waiting.get(m.id)?.(m.families);
      waiting.delete(m.id);
    }
  });
  return async () => {
    if (!process.send || !process.connected)
      return joinWorkerFamilies([{ pid: process.pid, families: await local() }]);
    const id = ++nextId;
    const fallback = async () => joinWorkerFamilies([{ pid: process.pid, families: await local() }]);
    return new Promise<MetricFamily[]>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        void fallback().then(resolve);
      }, GATHER_TIMEOUT_MS + 500);
      waiting.set(id, (families) => {
        clearTimeout(timer);
        resolve(families);
      });
      process.send!({ cabledesk: 'gather', id } satisfies Message);
    });
  };
}
