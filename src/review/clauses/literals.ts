// Required literals of a cue: words any match of the pattern must contain, so a sentence that
// contains none of them can skip the regular expression altogether. Most cues start with a word or
// a group of alternative words ("\b(?:may|shall)\s+not ..."), and most sentences contain none of a
// given clause's words; a substring test is far cheaper than running a few hundred patterns.
//
// The analysis is conservative: it returns undefined (test every sentence) whenever it meets a
// construct it does not understand. Patterns are matched case-insensitively, so literals are lower case.

const MIN = 3; // shorter literals ("of", "is") are in nearly every sentence and gate nothing

/** Split a pattern (or group body) at its top-level `|`. */
function topLevelBranches(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { out.push(src.slice(start, i)); start = i + 1; }
  }
  out.push(src.slice(start));
  return out;
}

/** Index of the `)` closing the group that opens at `open`, or -1. */
function closeOf(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Length of a quantifier at `i` (`?`, `*`, `+`, `{m,n}`, each optionally lazy), 0 when there is none. */
function quantifierAt(src: string, i: number): { len: number; optional: boolean } {
  const c = src[i];
  let len = 0;
  let optional = false;
  if (c === '?' || c === '*') { len = 1; optional = true; }
  else if (c === '+') len = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(src.slice(i));
    if (!m) return { len: 0, optional: false };
    len = m[0].length;
    optional = m[1] === '0';
  }
  if (len && src[i + len] === '?') len++;
  return { len, optional };
}

// Words in nearly every contract sentence: a gate on one of them gates nothing.
const COMMON = new Set(['shall', 'will', 'may', 'not', 'the', 'and', 'any', 'such', 'this', 'that', 'with', 'for', 'its', 'all', 'other', 'than', 'which', 'from', 'under', 'party', 'parties', 'agreement', 'each', 'has', 'have', 'are', 'been', 'upon', 'must', 'can', 'into', 'their', 'his', 'her', 'who', 'set', 'forth', 'hereunder', 'herein', 'hereof', 'without', 'days', 'time', 'period', 'written', 'notice', 'including', 'provided', 'pursuant', 'section', 'term', 'right', 'rights']);

function badness(lits: string[]): number {
  return lits.reduce((sum, l) => sum + (COMMON.has(l) ? 50 : 1 / l.length), 0);
}

/**
 * Literals (lower case, at least MIN characters) one of which every match of `branch` contains.
 * Every mandatory element of the branch that yields literals is a candidate (a word, or a group whose
 * every alternative yields some); the rarest-looking candidate wins. Optional elements, classes,
 * escapes and short words are passed over. Undefined when no element yields any.
 */
function branchLiterals(branch: string): string[] | undefined {
  let best: string[] | undefined;
  const consider = (lits: string[] | undefined) => {
    if (lits && (!best || badness(lits) < badness(best))) best = lits;
  };
  let i = 0;
  while (i < branch.length) {
    const c = branch[i]!;
    if (c === '^' || c === '$' || c === '|') { i++; continue; }
    if (c === '(') {
      const close = closeOf(branch, i);
      if (close < 0) return undefined;
      const head = branch.slice(i, i + 4);
      const q = quantifierAt(branch, close + 1);
      const look = head.startsWith('(?<!') || head.startsWith('(?<=') || head.startsWith('(?!') || head.startsWith('(?=');
      if (!look && !q.optional) consider(literals(branch.slice(i + (branch[i + 1] === '?' ? 3 : 1), close)));
      i = close + 1 + q.len;
      continue;
    }
    if (/[a-z]/i.test(c)) {
      let j = i;
      while (j < branch.length && /[a-z]/i.test(branch[j]!)) j++;
      const q = quantifierAt(branch, j);
      // A quantifier after the run applies to its last letter only.
      const word = q.len && q.optional ? branch.slice(i, j - 1) : branch.slice(i, j);
      if (word.length >= MIN) consider([word.toLowerCase()]);
      i = j + q.len;
      continue;
    }
    // A class, an escape, a dot or another character: not a literal run; step over it and its quantifier.
    let j = i + 1;
    if (c === '\\') j = branch[i + 1] === 'u' ? i + 6 : branch[i + 1] === 'x' ? i + 4 : i + 2;
    else if (c === '[') {
      j = i + 1;
      while (j < branch.length && branch[j] !== ']') j += branch[j] === '\\' ? 2 : 1;
      j++;
    }
    i = j + quantifierAt(branch, j).len;
  }
  return best;
}

/** Literals one of which any match of the whole pattern contains, or undefined. */
export function literals(src: string): string[] | undefined {
  const out = new Set<string>();
  for (const b of topLevelBranches(src)) {
    const lits = branchLiterals(b);
    if (!lits) return undefined;
    for (const l of lits) out.add(l);
  }
  return out.size ? [...out] : undefined;
}

/**
 * All the taxonomy's literals in one Aho-Corasick automaton: one pass over a sentence says which of
 * them it contains, and each cue's gate is then a look-up of a few ids instead of a substring search
 * per literal (a clause's gate can hold dozens of words).
 */
export class LiteralIndex {
  private readonly ids = new Map<string, number>();
  private goto: Map<number, number>[] = [new Map()];
  private fail: number[] = [0];
  private out: number[][] = [[]];
  private built = false;

  /** The id of a literal, adding it before the first scan. */
  id(literal: string): number {
    let id = this.ids.get(literal);
    if (id === undefined) {
      if (this.built) throw new Error('LiteralIndex: literals are added before the first scan');
      id = this.ids.size;
      this.ids.set(literal, id);
      let node = 0;
      for (const ch of literal) {
        const code = ch.charCodeAt(0);
        let next = this.goto[node]!.get(code);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.goto[node]!.set(code, next);
        }
        node = next;
      }
      this.out[node]!.push(id);
    }
    return id;
  }

  get size(): number {
    return this.ids.size;
  }

  private build(): void {
    const queue: number[] = [];
    for (const next of this.goto[0]!.values()) queue.push(next);
    for (let h = 0; h < queue.length; h++) {
      const node = queue[h]!;
      for (const [code, next] of this.goto[node]!) {
        queue.push(next);
        let f = this.fail[node]!;
        while (f && !this.goto[f]!.has(code)) f = this.fail[f]!;
        const g = this.goto[f]!.get(code);
        this.fail[next] = g !== undefined && g !== next ? g : 0;
        this.out[next]!.push(...this.out[this.fail[next]!]!);
      }
    }
    this.built = true;
  }

  /** Which literals `lower` (lower-cased text) contains, as a flag per id. */
  scan(lower: string): Uint8Array {
    if (!this.built) this.build();
    const seen = new Uint8Array(this.ids.size);
    let node = 0;
    for (let i = 0; i < lower.length; i++) {
      const code = lower.charCodeAt(i);
      while (node && !this.goto[node]!.has(code)) node = this.fail[node]!;
      node = this.goto[node]!.get(code) ?? 0;
      for (const id of this.out[node]!) seen[id] = 1;
    }
    return seen;
  }
}

/** True when the scanned sentence holds one of the ids, or there are none to test (no gate). */
export function present(ids: number[] | undefined, seen: Uint8Array): boolean {
  if (!ids) return true;
  for (const id of ids) if (seen[id]) return true;
  return false;
}
