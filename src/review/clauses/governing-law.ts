// The governing law's jurisdiction: "the laws of the State of New York", "Delaware law",
// "the laws of England and Wales", OCR noise ("SIATE OF TEXAS", "Califomia") tolerated by an
// edit-distance match against the jurisdiction list in taxonomy.yaml.
import type { JurisdictionSpec } from './taxonomy.js';

interface Entry {
  name: string;
  kind: JurisdictionSpec['kind'];
  tokens: string[];
  /** Total letters, for the edit budget. */
  letters: number;
}

export interface JurisdictionMatcher {
  find(text: string): { name: string; kind: JurisdictionSpec['kind'] } | undefined;
}

// Words that frame a name rather than make it ("the State of", "the Republic of"); dropped from both sides.
const FRAME = new Set(['the', 'state', 'siate', 'slate', 'commonwealth', 'province', 'of', 'republic']);
const norm = (s: string) =>
  s.toLowerCase().replace(/[’']/g, "'").replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter((w) => w && !FRAME.has(w));

function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Where the governing law is usually named: after "laws of", "law of", "under", or before "law". */
const ANCHOR = /\b(?:laws?|statutes)\s+(?:in\s+force\s+in\s+|prevailing\s+in\s+|applicable\s+in\s+)?(?:of|in)\b|\bunder\b|\bgoverned\s+by\b|\b(?:substantive|internal|domestic)\s+laws?\b/gi;

export function jurisdictionMatcher(list: JurisdictionSpec[]): JurisdictionMatcher {
  const entries: Entry[] = [];
  for (const j of list) {
    for (const n of [j.name, ...(j.aliases ?? [])]) {
      const tokens = norm(n);
      entries.push({ name: j.name, kind: j.kind, tokens, letters: tokens.join('').length });
    }
  }
  // Longer names first so "West Virginia" wins over "Virginia", "New Mexico" over "Mexico".
  entries.sort((a, b) => b.tokens.length - a.tokens.length || b.letters - a.letters);

  function matchAt(words: string[], i: number): Entry | undefined {
    for (const e of entries) {
      if (i + e.tokens.length > words.length) continue;
      const budget = e.letters >= 9 ? 2 : e.letters >= 5 ? 1 : 0;
      let used = 0;
      let ok = true;
      for (let k = 0; k < e.tokens.length && ok; k++) {
        const w = words[i + k]!;
        const t = e.tokens[k]!;
        if (w === t) continue;
        if (budget === 0 || t.length < 4) { ok = false; break; }
        used += distance(w, t, budget - used);
        if (used > budget) ok = false;
      }
      if (ok) return e;
    }
    return undefined;
  }

  return {
    find(text) {
      // Prefer a name right after an anchor ("laws of ..."), then anywhere in the sentence.
      const starts: number[] = [];
      for (const m of text.matchAll(ANCHOR)) starts.push(m.index! + m[0].length);
      for (const s of [...starts, 0]) {
        const words = norm(text.slice(s));
        const limit = s === 0 ? words.length : Math.min(words.length, 6);
        for (let i = 0; i < limit; i++) {
          const e = matchAt(words, i);
          if (e) return { name: e.name, kind: e.kind };
        }
      }
      return undefined;
    },
  };
}
