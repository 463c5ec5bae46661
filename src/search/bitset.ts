/**
 * A fixed-size set of cable ids (integers from 0 to size - 1) as 32-bit words: what the search
 * engine combines (AND, OR, NOT), counts and walks. Dense, so a word found in most cables costs
 * the same as a rare one: 251,287 cables are 31 KB.
 */
export class Bitset {
  readonly words: Uint32Array;

  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  static of(size: number, ids: ArrayLike<number>): Bitset {
    const set = new Bitset(size);
    const w = set.words;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= 0 && id < size) w[id >>> 5]! |= 1 << (id & 31);
    }
    return set;
  }

  add(id: number): void {
    this.words[id >>> 5]! |= 1 << (id & 31);
  }

  has(id: number): boolean {
    return (this.words[id >>> 5]! & (1 << (id & 31))) !== 0;
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice());
  }

  /** this = this AND other. */
  and(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! &= b[i]!;
    return this;
  }

  or(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! |= b[i]!;
    return this;
  }

  /** this = this AND NOT other. */
  andNot(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! &= ~b[i]!;
    return this;
  }

  count(): number {
    let n = 0;
    const a = this.words;
    for (let i = 0; i < a.length; i++) {
      let v = a[i]!;
      if (v === 0) continue;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  /** The words as bytes (to store the set). */
  toBytes(): Buffer {
    return Buffer.from(this.words.buffer, this.words.byteOffset, this.words.byteLength);
  }

  static fromBytes(size: number, bytes: Uint8Array): Bitset {
    const words = new Uint32Array((size + 31) >>> 5);
    new Uint8Array(words.buffer).set(bytes.subarray(0, Math.min(bytes.byteLength, words.byteLength)));
    return new Bitset(size, words);
  }
}
