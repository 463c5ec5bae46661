/**
 * The durable job queue, kept in the archive's own database (table `jobs`, migration 7) so it
 * survives restarts and is shared by every app server. Each query is written once for SQLite and
 * PostgreSQL over the store's SqlRunner; the claim is one statement on both: a locking
 * `SELECT ... FOR UPDATE SKIP LOCKED` (PostgreSQL; several servers never take the same job) or the
 * single atomic write of SQLite, feeding an `UPDATE ... RETURNING`.
 *
 * A job is `queued` (waiting for its `runAt`), `running` (claimed by one worker until its lease
 * ends; a lease that ends without an answer, e.g. a crashed server, makes the job claimable again),
 * then `done` or `failed` (attempts used up or a permanent error; `lastError` says why). Every
 * answer about a claimed job (complete, fail, extend, release) names the claim (worker id and
 * attempt number) and is ignored when the job has been claimed again since. Times are
 * milliseconds since the epoch.
 */

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqlRunner } from '../store/sql-runner.ts';
import type { Store } from '../store/store.ts';
import { type Backoff, backoffDelay, defaultBackoff } from './backoff.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';
export const jobStates: readonly JobState[] = ['queued', 'running', 'done', 'failed'];

export interface Job {
  id: number;
  kind: string;
  /** The payload given to `enqueue`, parsed back from JSON. */
  payload: unknown;
  /** The dedupe key, if any. */
  key: string | null;
  state: JobState;
  /** Attempts started so far (a claim counts one). */
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lockedBy: string | null;
  lockedUntil: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface EnqueueOptions {
  /**
   * Dedupe key: at most one live (queued or running) job per key. Enqueueing again replaces the
   * queued job's payload, runAt and maxAttempts and resets its attempts; a running job gets the
   * new payload and runs once more after the current run.
   */
  key?: string;
  /** When to run, ms since the epoch (default now). */
  runAt?: number;
  /** Attempts before the job is `failed` (default 5). */
  maxAttempts?: number;
}

export interface FailOptions {
  /** No retry: `failed` now. */
  permanent?: boolean;
  /** Retry after this delay instead of the backoff. */
  retryInMs?: number;
}

export type JobCounts = Record<JobState, number>;

export interface KindCount {
  kind: string;
  state: JobState;
  count: number;
}

export interface JobQueue {
  /** Adds a job (or refreshes the live one with the same key); answers its id. */
  enqueue(kind: string, payload: unknown, options?: EnqueueOptions): Promise<number>;
  /** Claims up to `limit` due jobs (of `kinds`, when given) for `leaseMs`, oldest due first. */
  claim(workerId: string, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<Job[]>;
  /** Marks a claimed job done (or queues it again when it was re-enqueued while running). */
  complete(job: Job): Promise<boolean>;
  /** Records a failed attempt: queued again after a backoff, or `failed` when attempts are used up. */
  fail(job: Job, error: unknown, options?: FailOptions): Promise<JobState | null>;
  /** Gives claimed jobs back unstarted (graceful shutdown): queued again, the attempt not counted. */
  release(jobs: readonly Job[]): Promise<number>;
  /** Keeps a claimed job's lease for `leaseMs` more from now; false when the claim was lost. */
  extend(job: Job, leaseMs: number): Promise<boolean>;
  get(id: number): Promise<Job | null>;
  /** Puts a `failed` job back in the queue with fresh attempts (unless a live job has its key). */
  retry(id: number): Promise<boolean>;
  /** Jobs per state (queue depth, for metrics). */
  counts(): Promise<JobCounts>;
  countsByKind(): Promise<KindCount[]>;
  /** Deletes done and failed jobs finished before `before` (ms); answers how many. */
  prune(before: number): Promise<number>;
}

export interface JobQueueOptions {
  backoff?: Partial<Backoff>;
  /** The clock (ms since the epoch); tests move it. */
  now?: () => number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** A worker id unique to this process: host, pid and a random part. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

interface JobRow {
  id: number | string;
  kind: string;
  payload: string;
  dedupe_key: string | null;
  state: JobState;
  attempts: number | string;
  max_attempts: number | string;
  run_at: number | string;
  locked_by: string | null;
  locked_until: number | string | null;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
  finished_at: number | string | null;
}

const COLUMNS =
  'id, kind, payload, dedupe_key, state, attempts, max_attempts, run_at, locked_by, locked_until, ' +
  'last_error, created_at, updated_at, finished_at';

function orNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    kind: row.kind,
    payload: JSON.parse(row.payload),
    key: row.dedupe_key,
    state: row.state,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: Number(row.run_at),
    lockedBy: row.locked_by,
    lockedUntil: orNull(row.locked_until),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    finishedAt: orNull(row.finished_at),
  };
}

/** The error text kept in `last_error` (bounded). */
function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
}

/** The conditions that identify one claim of a job: still running, same worker, same attempt. */
const CLAIMED = "id = ? AND state = 'running' AND locked_by = ? AND attempts = ?";
function claimParams(job: Job): unknown[] {
  return [job.id, job.lockedBy, job.attempts];
}

export function createJobQueue(store: Store, options: JobQueueOptions = {}): JobQueue {
  return new SqlJobQueue(store.runner, store.dialect, options);
}

class SqlJobQueue implements JobQueue {
  private readonly backoff: Backoff;
  private readonly now: () => number;
  /** PostgreSQL: rows locked by one claim are skipped by the others. */
  private readonly lockClause: string;

  constructor(
    private readonly db: SqlRunner,
    dialect: 'sqlite' | 'postgres',
    options: JobQueueOptions,
  ) {
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.now = options.now ?? Date.now;
    this.lockClause = dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  }

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<number> {
    const now = this.now();
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be 1 or more');
    const json = JSON.stringify(payload ?? null);
    const rows = await this.db.all<{ id: number | string }>(
      'INSERT INTO jobs (kind, payload, dedupe_key, state, attempts, max_attempts, run_at, rerun, created_at, updated_at) ' +
        "VALUES (?, ?, ?, 'queued', 0, ?, ?, 0, ?, ?) " +
        "ON CONFLICT (dedupe_key) WHERE state IN ('queued', 'running') DO UPDATE SET " +
        'kind = excluded.kind, payload = excluded.payload, run_at = excluded.run_at, ' +
        'max_attempts = excluded.max_attempts, updated_at = excluded.updated_at, ' +
        "attempts = CASE WHEN jobs.state = 'queued' THEN 0 ELSE jobs.attempts END, " +
        "last_error = CASE WHEN jobs.state = 'queued' THEN NULL ELSE jobs.last_error END, " +
        "rerun = CASE WHEN jobs.state = 'running' THEN 1 ELSE 0 END " +
        'RETURNING id',
      [kind, json, options.key ?? null, maxAttempts, Math.round(options.runAt ?? now), now, now],
    );
    return Number(rows[0]!.id);
  }

  async claim(workerId: string, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<Job[]> {
    if (limit < 1 || kinds?.length === 0) return [];
    const now = this.now();
    const kindFilter = kinds ? ` AND kind IN (${kinds.map(() => '?').join(', ')})` : '';
    // A read first, so an idle poll writes nothing (on SQLite a write waits for other writers).
    const due = await this.db.all(
      "SELECT id FROM jobs WHERE ((state = 'queued' AND run_at <= ?) OR (state = 'running' AND locked_until <= ?))" +
        `${kindFilter} LIMIT 1`,
      [now, now, ...(kinds ?? [])],
    );
    if (due.length === 0) return [];
    await this.expireSpentLeases(now);
    const rows = await this.db.all<JobRow>(
      'WITH next AS MATERIALIZED (SELECT id FROM jobs WHERE ' +
        "((state = 'queued' AND run_at <= ?) OR (state = 'running' AND locked_until <= ? AND attempts < max_attempts))" +
        `${kindFilter} ORDER BY run_at, id LIMIT ?${this.lockClause}) ` +
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ?, updated_at = ? " +
        `WHERE id IN (SELECT id FROM next) RETURNING ${COLUMNS}`,
      [now, now, ...(kinds ?? []), limit, workerId, now + leaseMs, now],
    );
    return rows.map(toJob).sort((a, b) => a.runAt - b.runAt || a.id - b.id);
  }

  /** Running jobs whose lease ended with no attempt left: failed (or queued again if re-enqueued). */
  private async expireSpentLeases(now: number): Promise<void> {
    await this.db.all(
      "UPDATE jobs SET state = CASE WHEN rerun = 1 THEN 'queued' ELSE 'failed' END, " +
        'attempts = CASE WHEN rerun = 1 THEN 0 ELSE attempts END, ' +
        'finished_at = CASE WHEN rerun = 1 THEN NULL ELSE CAST(? AS BIGINT) END, ' +
        "last_error = 'lease expired (worker ' || locked_by || ' gave no answer)', " +
        'rerun = 0, locked_by = NULL, locked_until = NULL, updated_at = ? ' +
        "WHERE state = 'running' AND locked_until <= ? AND attempts >= max_attempts RETURNING id",
      [now, now, now],
    );
  }

  async complete(job: Job): Promise<boolean> {
    const now = this.now();
    const rows = await this.db.all(
      "UPDATE jobs SET state = CASE WHEN rerun = 1 THEN 'queued' ELSE 'done' END, " +
        'attempts = CASE WHEN rerun = 1 THEN 0 ELSE attempts END, ' +
        'finished_at = CASE WHEN rerun = 1 THEN NULL ELSE CAST(? AS BIGINT) END, ' +
        `rerun = 0, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE ${CLAIMED} RETURNING id`,
      [now, now, ...claimParams(job)],
    );
    return rows.length > 0;
  }

  async fail(job: Job, error: unknown, options: FailOptions = {}): Promise<JobState | null> {
    const now = this.now();
    const retryAt = now + (options.retryInMs ?? backoffDelay(job.attempts, this.backoff));
    const dead = `(? = 1 OR attempts >= max_attempts)`;
    const permanent = options.permanent ? 1 : 0;
    const rows = await this.db.all<{ state: JobState }>(
      `UPDATE jobs SET state = CASE WHEN rerun = 1 THEN 'queued' WHEN ${dead} THEN 'failed' ELSE 'queued' END, ` +
        `finished_at = CASE WHEN rerun = 1 THEN NULL WHEN ${dead} THEN CAST(? AS BIGINT) ELSE NULL END, ` +
        'run_at = CASE WHEN rerun = 1 THEN run_at ELSE ? END, ' +
        'attempts = CASE WHEN rerun = 1 THEN 0 ELSE attempts END, ' +
        `last_error = ?, rerun = 0, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE ${CLAIMED} ` +
        'RETURNING state',
      [permanent, permanent, now, Math.round(retryAt), errorText(error), now, ...claimParams(job)],
    );
    return rows[0]?.state ?? null;
  }

  async release(jobs: readonly Job[]): Promise<number> {
    let released = 0;
    for (const job of jobs) {
      const rows = await this.db.all(
        "UPDATE jobs SET state = 'queued', attempts = CASE WHEN rerun = 1 THEN 0 ELSE attempts - 1 END, " +
          `rerun = 0, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE ${CLAIMED} RETURNING id`,
        [this.now(), ...claimParams(job)],
      );
      released += rows.length;
    }
    return released;
  }

  async extend(job: Job, leaseMs: number): Promise<boolean> {
    const now = this.now();
    const rows = await this.db.all(
      `UPDATE jobs SET locked_until = ?, updated_at = ? WHERE ${CLAIMED} RETURNING id`,
      [now + leaseMs, now, ...claimParams(job)],
    );
    return rows.length > 0;
  }

  async get(id: number): Promise<Job | null> {
    const rows = await this.db.all<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`, [id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async retry(id: number): Promise<boolean> {
    const now = this.now();
    const rows = await this.db.all(
      "UPDATE jobs SET state = 'queued', attempts = 0, run_at = ?, finished_at = NULL, updated_at = ? " +
        "WHERE id = ? AND state = 'failed' AND (dedupe_key IS NULL OR NOT EXISTS (" +
        "SELECT 1 FROM jobs AS live WHERE live.dedupe_key = jobs.dedupe_key AND live.state IN ('queued', 'running'))) " +
        'RETURNING id',
      [now, now, id],
    );
    return rows.length > 0;
  }

  async counts(): Promise<JobCounts> {
    const counts: JobCounts = { queued: 0, running: 0, done: 0, failed: 0 };
    const rows = await this.db.all<{ state: JobState; n: number | string }>(
      'SELECT state, COUNT(*) AS n FROM jobs GROUP BY state',
    );
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  async countsByKind(): Promise<KindCount[]> {
    const rows = await this.db.all<{ kind: string; state: JobState; n: number | string }>(
      'SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state ORDER BY kind, state',
    );
    return rows.map((row) => ({ kind: row.kind, state: row.state, count: Number(row.n) }));
  }

  async prune(before: number): Promise<number> {
    const rows = await this.db.all(
      "DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < ? RETURNING id",
      [before],
    );
    return rows.length;
  }
}
