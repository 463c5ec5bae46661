/**
 * The archive store: one interface, two implementations (./sqlite and ./postgres, opened by
 * `openStore(url)` in ./open.ts). The store keeps, per cable: its parsed record, every distinct
 * version of its text (raw header and body byte for byte, with source and release date) and which
 * version is current, its tags, its references as edges (also to cables not in the archive) and a
 * full-text index over subject and reading text. Types only: no logic lives here.
 */
import type { CableRecord, Reference } from '../cable/record.ts';
import type { ArchiveState, CableList, CableListQuery, Facet } from './browse.ts';
import type { SqlRunner } from './sql-runner.ts';

/**
 * One parsed cable ready to be written: built by `prepareCable` (./prepared-cable.ts), usually in
 * the importer's worker thread, so it holds only plain data (it crosses threads by copy).
 */
export interface PreparedCable {
  refId: string;
  publishedRefId: string;
  created: string | null;
  released: string | null;
  classification: string;
  origin: string;
  subject: string | null;
  partial: boolean;
  /** The record as JSON, without `raw` (the raw text lives in the version) and without `released`. */
  recordJson: string;
  rawHeader: string;
  rawBody: string;
  /** SHA-256 (hex) of the raw header and body: what tells versions apart. */
  contentHash: string;
  sourceFormat: string;
  sourcePath: string | null;
  sourceLine: number | null;
  tags: string[];
  references: Reference[];
  /** What the full-text index gets besides the subject: paragraph texts joined by blank lines. */
  readingText: string;
}

/** Identifies one version of one cable. */
export interface VersionKey {
  refId: string;
  contentHash: string;
}

/** What writing one cable did: a new cable, a new version of a known cable, or nothing new. */
export type WriteOutcome = 'imported' | 'updated' | 'unchanged';

/** One stored version of a cable's text. */
export interface CableVersion {
  contentHash: string;
  released: string | null;
  sourceFormat: string;
  sourcePath: string | null;
  sourceLine: number | null;
  /** ISO 8601 UTC time it was first imported. */
  importedAt: string;
  /** True for the version the record was parsed from (latest release; ties: latest imported). */
  current: boolean;
  rawHeader: string;
  rawBody: string;
}

/** A reference from a cable in the archive to `toRefId` (which may not be in the archive). */
export interface Citation {
  fromRefId: string;
  label: string | null;
  text: string;
}

export interface CountRow {
  value: string;
  count: number;
}

/** What `cabledesk stats` shows. Lists are sorted by count, then value. */
export interface ArchiveStats {
  cables: number;
  versions: number;
  /** Cables that have more than one version. */
  cablesWithVersions: number;
  byClassification: CountRow[];
  byOrigin: CountRow[];
  /** Year of `created` (`unknown` when the cable has no date). */
  byYear: CountRow[];
  tags: { distinct: number; assigned: number; top: CountRow[] };
  references: {
    /** All reference edges. */
    edges: number;
    /** Edges whose target is a cable id. */
    toCables: number;
    /** Edges to a cable id that is not in the archive. */
    unresolvedEdges: number;
    /** Distinct cable ids cited but not in the archive. */
    unresolvedIds: number;
  };
}

/** The database connections of one process, for metrics. */
export interface ConnectionStats {
  /** Open connections (SQLite: 1). */
  total: number;
  /** Open and not in use. */
  idle: number;
  /** Queries waiting for a free connection (SQLite: 0, its calls never wait for one). */
  waiting: number;
  /** Connections the pool may open at most (SQLite: 1). */
  max: number;
}

/** How to open a store (`openStore(url, options)`). */
export interface StoreOptions {
  /** PostgreSQL: connections in the pool at most (default 5). SQLite: ignored. */
  poolSize?: number;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** The URL it was opened with (`sqlite:PATH`, `postgres://...`). */
  readonly url: string;
  /** Runs SQL on its database (see sql-runner.ts): what discussion, jobs, linkbacks and export use. */
  readonly runner: SqlRunner;
  /**
   * Writes a batch in one transaction (all or nothing) and says per cable what happened, in
   * input order. Idempotent by content: a version already stored is `unchanged`. A batch may hold
   * the same cable several times; later items count as imported later.
   */
  writeBatch(cables: PreparedCable[]): Promise<WriteOutcome[]>;
  /**
   * Waits until everything written is fully indexed, and repairs the full-text index after an
   * interrupted import (PostgreSQL indexes in the background while the next batch is written;
   * SQLite indexes inside `writeBatch`). The importer calls it at the end.
   */
  flush(): Promise<void>;
  /** For each key, whether that version is stored. */
  hasVersions(keys: VersionKey[]): Promise<boolean[]>;
  /** The current record of a cable (with `raw` and `released` of its current version), or null. */
  getCable(refId: string): Promise<CableRecord | null>;
  /** Every version of a cable, oldest import first. */
  listVersions(refId: string): Promise<CableVersion[]>;
  /** The cables in the archive that reference `refId` (whether or not `refId` itself is there). */
  citedBy(refId: string): Promise<Citation[]>;
  stats(topTags?: number): Promise<ArchiveStats>;
  /** A page of cable summaries, filtered, sorted and paginated (./browse.ts). */
  listCables(query: CableListQuery): Promise<CableList>;
  /** Counts per value of a facet, sorted by value; `year` limits `month` to that year. */
  countCables(facet: Facet, year?: string): Promise<CountRow[]>;
  /** The canonical id of a cable by the id as published (any case), or null. */
  findByPublishedId(publishedRefId: string): Promise<string | null>;
  /** Which of these ids are cables in the archive. */
  existingIds(refIds: string[]): Promise<Set<string>>;
  /** Number of cables and the latest write time: a cheap fingerprint and health probe. */
  archiveState(): Promise<ArchiveState>;
  /** Changes whenever a cable or version is written; cheap (two primary-key lookups): for caches. */
  archiveFingerprint(): Promise<string>;
  /**
   * Counters that database triggers raise on every write to what the discussion shows
   * (`discussion`: comments and account names; `mentions`): for caches shared out over servers.
   */
  changeCounters(): Promise<Record<string, number>>;
  /** The connections in use and waiting, for metrics (no query). */
  connections(): ConnectionStats;
  close(): Promise<void>;
}
