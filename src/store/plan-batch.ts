/**
 * The decisions of a batch write, the same on every database: given the versions already stored
 * for the batch's cables, which cables are new, which versions are new, and which cables get a new
 * current version. The current version is the most recently released one (a version without a
 * release date counts as the oldest); on a tie the one imported last wins. Items later in a batch
 * count as imported later.
 */
import type { PreparedCable, WriteOutcome } from './store.ts';

/** What the database already holds for one cable id. */
export interface StoredCable {
  hashes: Set<string>;
  currentReleased: string | null;
}

/** A row of STORED_VERSIONS_SQL (./queries.ts): one stored version and its cable's release date. */
export interface StoredVersionRow {
  ref_id: string;
  content_hash: string;
  released: string | null;
}

/** Stored version rows, folded into what the database holds per cable id. */
export function storedCables(rows: StoredVersionRow[]): Map<string, StoredCable> {
  const stored = new Map<string, StoredCable>();
  for (const r of rows) {
    const known = stored.get(r.ref_id);
    if (known) known.hashes.add(r.content_hash);
    else stored.set(r.ref_id, { hashes: new Set([r.content_hash]), currentReleased: r.released });
  }
  return stored;
}

export interface BatchPlan {
  outcomes: WriteOutcome[];
  /** New versions to insert, in import order (at most one per content hash and cable). */
  newVersions: PreparedCable[];
  /** Cables not stored yet, with the version that ends up current. */
  newCables: PreparedCable[];
  /** Stored cables whose current version changes, with the new current version. */
  changedCables: PreparedCable[];
}

/** True when a version released at `candidate` should replace one released at `current`. */
export function releasedLater(candidate: string | null, current: string | null): boolean {
  if (candidate === null) return current === null;
  return current === null || candidate >= current;
}

export function planBatch(cables: PreparedCable[], stored: Map<string, StoredCable>): BatchPlan {
  const outcomes: WriteOutcome[] = [];
  const newVersions: PreparedCable[] = [];
  const fresh = new Map<string, PreparedCable>();
  const changed = new Map<string, PreparedCable>();
  const seen = new Map<string, StoredCable>();
  for (const cable of cables) {
    const known = seen.get(cable.refId) ?? stored.get(cable.refId);
    if (known?.hashes.has(cable.contentHash)) {
      outcomes.push('unchanged');
      continue;
    }
    newVersions.push(cable);
    if (!known) {
      outcomes.push('imported');
      fresh.set(cable.refId, cable);
      seen.set(cable.refId, { hashes: new Set([cable.contentHash]), currentReleased: cable.released });
      continue;
    }
    outcomes.push('updated');
    const copy = seen.get(cable.refId) ?? {
      hashes: new Set(known.hashes),
      currentReleased: known.currentReleased,
    };
    copy.hashes.add(cable.contentHash);
    if (releasedLater(cable.released, copy.currentReleased)) {
      copy.currentReleased = cable.released;
      if (fresh.has(cable.refId)) fresh.set(cable.refId, cable);
      else changed.set(cable.refId, cable);
    }
    seen.set(cable.refId, copy);
  }
  return { outcomes, newVersions, newCables: [...fresh.values()], changedCables: [...changed.values()] };
}
