/**
 * Reference ids of a generated corpus: unique ids (two-digit year + station + serial) handed out
 * in time order, and the ids a cable cites: ids generated earlier (so they are in the set) or ids
 * guaranteed outside it. Serials climb per station and year in blocks of four; cables of the set
 * take the first three numbers of a block and cited ids outside the set only the fourth, so the
 * two never meet, while the serials look like the sparse runs of the real release. Memory is
 * bounded: only the last few thousand ids are remembered for citing.
 */
import type { Random } from './random.ts';

export interface CableId {
  refId: string;
  year: number;
  station: string;
  serial: number;
  /** The sender as written in REF lists and page lines (`MOSCOW`, `ABU DHABI`, `STATE`). */
  place: string;
}

const RECENT = 4096;
const RECENT_PER_STATION = 16;
const BLOCK = 4;
/** Cables cite cables of the last few years. */
const MAX_CITE_AGE = 3;

/** `AMEMBASSY ABU DHABI` -> `ABU DHABI`; `SECSTATE WASHDC` -> `STATE`. */
export function placeOf(from: string, station: string): string {
  if (station === 'STATE') return 'STATE';
  const place = from.replace(/^(?:AMEMBASSY|AMCONSUL|USMISSION|USOFFICE|USINT|AIT)\s+/, '').trim();
  return place === '' ? station : place;
}

export class IdSpace {
  /** `YY/STATION` -> last block used. */
  private readonly blocks = new Map<string, number>();
  private readonly recent: CableId[] = [];
  private recentAt = 0;
  private readonly recentByStation = new Map<string, CableId[]>();

  constructor(private readonly rng: Random) {}

  private key(year: number, station: string): string {
    return `${year % 100}/${station}`;
  }

  private jump(station: string): number {
    return station === 'STATE' ? 12 : 2;
  }

  /** A new id of the set, after every id handed out before for the same station and year. */
  next(year: number, station: string, place: string): CableId {
    const key = this.key(year, station);
    const last = this.blocks.get(key);
    const block =
      last === undefined
        ? station === 'STATE'
          ? this.rng.range(250, 1000)
          : this.rng.range(5, 60)
        : last + this.rng.range(1, this.jump(station));
    this.blocks.set(key, block);
    const serial = block * BLOCK + this.rng.int(BLOCK - 1);
    const id: CableId = {
      refId: `${String(year % 100).padStart(2, '0')}${station}${serial}`,
      year,
      station,
      serial,
      place,
    };
    this.remember(id);
    return id;
  }

  private remember(id: CableId): void {
    if (this.recent.length < RECENT) this.recent.push(id);
    else this.recent[this.recentAt] = id;
    this.recentAt = (this.recentAt + 1) % RECENT;
    let list = this.recentByStation.get(id.station);
    if (!list) {
      list = [];
      this.recentByStation.set(id.station, list);
    }
    list.push(id);
    if (list.length > RECENT_PER_STATION) list.shift();
  }

  /**
   * An id handed out earlier (so in the set), preferring the same station and the Department;
   * null when there is none from the last few years (at the very start, or in a sparse era).
   */
  earlier(year: number, station: string, rng: Random): CableId | null {
    const roll = rng.next();
    const own = this.recentByStation.get(station);
    const state = this.recentByStation.get('STATE');
    let cite: CableId | null = null;
    if (roll < 0.45 && own && own.length > 1) cite = own[rng.int(own.length - 1)]!;
    else if (roll < 0.65 && state && state.length > 0 && station !== 'STATE')
      cite = state[rng.int(state.length)]!;
    else if (this.recent.length > 1) cite = this.recent[rng.int(this.recent.length - 1)]!;
    return cite && cite.year >= year - MAX_CITE_AGE ? cite : null;
  }

  /** An id that no cable of the set has: the fourth number of a block, in the same or an earlier year. */
  outside(year: number, station: string, place: string, rng: Random): CableId {
    const citedYear = year - (rng.chance(0.7) ? 0 : rng.range(1, 3));
    const last = this.blocks.get(this.key(citedYear, station)) ?? (station === 'STATE' ? 1000 : 60);
    const serial = rng.range(1, last + 20) * BLOCK + (BLOCK - 1);
    return {
      refId: `${String(((citedYear % 100) + 100) % 100).padStart(2, '0')}${station}${serial}`,
      year: citedYear,
      station,
      serial,
      place,
    };
  }
}
