/**
 * Word-level difference between two texts (two versions of a cable): Myers' O(ND) algorithm over
 * words, after trimming the common start and end. Words are compared without the whitespace
 * around them (reflowed versions differ mostly in line breaks); each word keeps the whitespace
 * that followed it, so the result can be shown with its line structure. When the texts differ
 * by more than `maxEdits` words the diff gives up and says so (the cost grows with the edits).
 */

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  /** The words with their following whitespace, ready to print. */
  text: string;
}

export interface WordDiff {
  parts: DiffPart[];
  added: number;
  removed: number;
  /** True when the texts were too different to compare word by word within the limit. */
  tooDifferent: boolean;
}

interface Word {
  word: string;
  /** The word and the whitespace after it. */
  text: string;
}

const WORD = /(\S+)(\s*)/g;

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const lead = /^\s+/.exec(text);
  if (lead) words.push({ word: '', text: lead[0] });
  for (const m of text.matchAll(WORD)) words.push({ word: m[1]!, text: m[0] });
  return words;
}

/** Edit script (Myers): returns for each position of `a` and `b` whether it is kept. */
function myers(a: Word[], b: Word[], maxEdits: number): { keepA: Uint8Array; keepB: Uint8Array } | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    // Only the diagonals step d can reach: memory grows with d squared, not with the text.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!;
      else x = v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x]!.word === b[y]!.word) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;
  const keepA = new Uint8Array(n);
  const keepB = new Uint8Array(m);
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const base = d + 1;
    const k = x - y;
    const down = k === -d || (k !== d && prev[base + k - 1]! < prev[base + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[base + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      keepA[--x] = 1;
      keepB[--y] = 1;
    }
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    keepA[--x] = 1;
    keepB[--y] = 1;
  }
  return { keepA, keepB };
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

export function diffWords(before: string, after: string, maxEdits = 2000): WordDiff {
  const a = splitWords(before);
  const b = splitWords(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start]!.word === b[start]!.word) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1]!.word === b[endB - 1]!.word) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(
    parts,
    'same',
    b
      .slice(0, start)
      .map((w) => w.text)
      .join(''),
  );
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const script = myers(midA, midB, maxEdits);
  let added = 0;
  let removed = 0;
  if (!script) {
    return {
      parts: [
        { kind: 'removed', text: before },
        { kind: 'added', text: after },
      ],
      added: b.length,
      removed: a.length,
      tooDifferent: true,
    };
  }
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && !script.keepA[i]) {
      push(parts, 'removed', midA[i]!.text);
      removed++;
      i++;
    } else if (j < midB.length && !script.keepB[j]) {
      push(parts, 'added', midB[j]!.text);
      added++;
      j++;
    } else {
      push(parts, 'same', midB[j]!.text);
      i++;
      j++;
    }
  }
  push(
    parts,
    'same',
    b
      .slice(endB)
      .map((w) => w.text)
      .join(''),
  );
  return { parts, added, removed, tooDifferent: false };
}
