// Word-level diff of one span against its replacement, so a redline changes the fewest words:
// "thirty (30) days" -> "sixty (60) days" becomes two small changes, not one big one.

export interface Hunk {
  /** Character range in the old text that is deleted (may be empty for a pure insertion). */
  start: number;
  end: number;
  /** Text inserted at `start` (may be empty for a pure deletion). */
  insert: string;
}

const TOKEN = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

export function tokenize(s: string): string[] {
  return s.match(TOKEN) ?? [];
}

/** Largest token matrix we diff exactly; beyond it only the common prefix/suffix is kept. */
const MAX_CELLS = 4_000_000;

export function diffWords(oldText: string, newText: string): Hunk[] {
  if (oldText === newText) return [];
  const a = tokenize(oldText);
  const b = tokenize(newText);
  // Common prefix and suffix first: cheap, and most edits touch a few words in the middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const offsets = [0];
  for (const t of a) offsets.push(offsets[offsets.length - 1] + t.length);

  // ops over the middle: 'e' equal, 'd' delete a token, 'i' insert b token
  const ops: ('e' | 'd' | 'i')[] = [];
  if (am.length * bm.length <= MAX_CELLS && am.length && bm.length) {
    const n = am.length;
    const m = bm.length;
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * (m + 1) + j] = am[i] === bm[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (am[i] === bm[j]) ops.push('e'), i++, j++;
      else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) ops.push('d'), i++;
      else ops.push('i'), j++;
    }
    while (i < n) ops.push('d'), i++;
    while (j < m) ops.push('i'), j++;
  } else {
    for (let i = 0; i < am.length; i++) ops.push('d');
    for (let j = 0; j < bm.length; j++) ops.push('i');
  }

  // Walk the ops into raw hunks (token ranges), then merge hunks separated only by whitespace.
  type Raw = { a0: number; a1: number; b0: number; b1: number };
  const raws: Raw[] = [];
  let ia = pre;
  let ib = pre;
  let cur: Raw | undefined;
  for (const op of ops) {
    if (op === 'e') {
      if (cur) raws.push(cur), (cur = undefined);
      ia++, ib++;
      continue;
    }
    cur ??= { a0: ia, a1: ia, b0: ib, b1: ib };
    if (op === 'd') ia++, (cur.a1 = ia);
    else ib++, (cur.b1 = ib);
  }
  if (cur) raws.push(cur);

  const merged: Raw[] = [];
  for (const r of raws) {
    const last = merged[merged.length - 1];
    if (last && a.slice(last.a1, r.a0).every((t) => /^\s+$/.test(t))) {
      last.a1 = r.a1;
      last.b1 = r.b1;
    } else merged.push({ ...r });
  }
  return merged.map((r) => ({ start: offsets[r.a0], end: offsets[r.a1], insert: b.slice(r.b0, r.b1).join('') }));
}
