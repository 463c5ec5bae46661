/**
 * The read side of a store, written once: every dialect's store extends this class and gives it
 * a `SqlRunner`; the methods hand the runner to the shared queries (queries.ts, browse.ts).
 */
import type { CableListQuery, Facet } from './browse.ts';
import * as browse from './browse.ts';
import * as queries from './queries.ts';
import type { SqlRunner } from './sql-runner.ts';

export abstract class SqlReads {
  constructor(readonly runner: SqlRunner) {}

  getCable(refId: string) {
    return queries.getCable(this.runner, refId);
  }

  listVersions(refId: string) {
    return queries.listVersions(this.runner, refId);
  }

  citedBy(refId: string) {
    return queries.citedBy(this.runner, refId);
  }

  stats(topTags?: number) {
    return queries.stats(this.runner, topTags);
  }

  listCables(query: CableListQuery) {
    return browse.listCables(this.runner, query);
  }

  countCables(facet: Facet, year?: string) {
    return browse.countCables(this.runner, facet, year);
  }

  findByPublishedId(publishedRefId: string) {
    return browse.findByPublishedId(this.runner, publishedRefId);
  }

  existingIds(refIds: string[]) {
    return browse.existingIds(this.runner, refIds);
  }

  archiveState() {
    return browse.archiveState(this.runner);
  }

  archiveFingerprint() {
    return browse.archiveFingerprint(this.runner);
  }

  changeCounters() {
    return browse.changeCounters(this.runner);
  }
}
