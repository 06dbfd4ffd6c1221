// Text items of one PDF page -> text lines in reading order. Pure geometry, no pdf.js import:
// the reader hands in plain runs so this can be tested and reasoned about on its own.

/** One pdf.js text item, already mapped into viewport space (y grows downwards). */
export interface RawRun {
  str: string;
  /** Viewport-space transform of the item: [a, b, c, d, e, f]. */
  t: readonly number[];
  /** Advance width along the text direction, in viewport units. */
  width: number;
  /** pdf.js saw a line break after this item (content-stream order). */
  eol?: boolean;
}

export interface PdfLine {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, top-down. */
  y: number;
  /** Font size (em height) of the line's dominant run. */
  size: number;
  /** 0 = left column, 1 = right column, -1 = spans the page (or the page has one column). */
  col: number;
  /** Index of the line within its page, in reading order. */
  index: number;
}

export interface PageLayout {
  lines: PdfLine[];
  /** Text runs that ran in another direction than the page's main one (stamps, margin notes). */
  skippedRuns: number;
}

interface Run {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** An explicit space item: it only separates words, it takes no room. */
  space?: boolean;
  eol?: boolean;
}

interface Segment {
  runs: Run[];
  x0: number;
  x1: number;
}

interface RawLine {
  runs: Run[];
  y: number;
  size: number;
}

/** Dominant text direction, as a unit vector in viewport space, quantised to 90 degrees. */
function directionOf(t: readonly number[]): [number, number] {
  const a = t[0], b = t[1];
  if (Math.abs(a) >= Math.abs(b)) return a >= 0 ? [1, 0] : [-1, 0];
  return b >= 0 ? [0, 1] : [0, -1];
}

function toRuns(raw: RawRun[]): { runs: Run[]; skipped: number } {
  const weight = new Map<string, number>();
  for (const r of raw) {
    if (!r.str.trim()) continue;
    const key = directionOf(r.t).join(',');
    weight.set(key, (weight.get(key) ?? 0) + r.str.length);
  }
  let best = '1,0';
  let bestW = -1;
  for (const [k, w] of weight) if (w > bestW) { best = k; bestW = w; }
  const [dx, dy] = best.split(',').map(Number) as [number, number];
  // Perpendicular pointing "down the page" in the text's own frame.
  const nx = -dy, ny = dx;
  const runs: Run[] = [];
  let skipped = 0;
  for (const r of raw) {
    const str = r.str.replace(/\s+/g, ' ');
    if (!str) continue;
    const [ddx, ddy] = directionOf(r.t);
    if (ddx !== dx || ddy !== dy) { skipped++; continue; }
    const px = r.t[4], py = r.t[5];
    const size = Math.hypot(r.t[2], r.t[3]) || Math.hypot(r.t[0], r.t[1]) || 1;
    const x0 = px * dx + py * dy;
    const y = px * nx + py * ny;
    if (!Number.isFinite(x0) || !Number.isFinite(y)) continue;
    if (!str.trim()) {
      runs.push({ str: ' ', x0, x1: x0, y, size, space: true });
      continue;
    }
    const w = Number.isFinite(r.width) && r.width > 0 ? r.width : size * 0.5 * str.length;
    runs.push({ str, x0, x1: x0 + w, y, size, eol: r.eol });
  }
  return { runs, skipped };
}

function groupLines(all: Run[]): RawLine[] {
  const runs = all.filter((r) => !r.space).sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: RawLine[] = [];
  let cur: RawLine | undefined;
  for (const r of runs) {
    if (cur && r.y - cur.y <= 0.45 * Math.max(Math.min(r.size, cur.size), 1)) {
      cur.runs.push(r);
      if (r.size > cur.size) cur.size = r.size;
      continue;
    }
    cur = { runs: [r], y: r.y, size: r.size };
    lines.push(cur);
  }
  // Superscripts ("22nd", "8th", footnote marks) sit a little above the baseline in a smaller
  // font and so group as a line of their own; they belong to the line just below them.
  for (let i = lines.length - 2; i >= 0; i--) {
    const sup = lines[i], below = lines[i + 1];
    if (sup.size > 0.9 * below.size || sup.size > below.size - 0.5 || below.y - sup.y > 0.6 * below.size) continue;
    const text = sup.runs.map((r) => r.str).join('').replace(/\s+/g, '');
    if (text.length > 12 || sup.runs.length > 6) continue;
    let bx0 = Infinity, bx1 = -Infinity;
    for (const r of below.runs) { bx0 = Math.min(bx0, r.x0); bx1 = Math.max(bx1, r.x1); }
    if (sup.runs.some((r) => r.x0 < bx0 - below.size || r.x0 > bx1 + below.size)) continue;
    // Letter-spaced superscripts come out of some producers as "t h": one word, no spaces.
    for (const r of sup.runs) if (/^(?:\S ){1,4}\S$/.test(r.str)) r.str = r.str.replace(/ /g, '');
    below.runs.push(...sup.runs);
    lines.splice(i, 1);
  }
  for (const l of lines) {
    l.runs.sort((a, b) => a.x0 - b.x0);
    // Fake bold: the same text drawn twice, a hair apart. Keep the first copy.
    l.runs = l.runs.filter((r, i, all) => {
      for (let j = Math.max(0, i - 3); j < i; j++) {
        const o = all[j];
        if (o.str === r.str && Math.abs(o.x0 - r.x0) < 0.3 * r.size && Math.abs(o.y - r.y) < 0.3 * r.size) return false;
      }
      return true;
    });
    // The baseline of the line is the one most of its text sits on (superscripts aside).
    let best = l.runs[0];
    for (const r of l.runs) if (r.str.length > best.str.length) best = r;
    l.y = best.y;
  }
  // Explicit spaces go to the line whose baseline they sit on; they only matter for joining.
  for (const r of all) {
    if (!r.space) continue;
    let lo = 0, hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid].y < r.y) lo = mid + 1; else hi = mid;
    }
    for (const i of [lo - 1, lo]) {
      const l = lines[i];
      if (l && Math.abs(l.y - r.y) <= 0.45 * Math.max(l.size, 1)) { l.runs.push(r); break; }
    }
  }
  for (const l of lines) l.runs.sort((a, b) => a.x0 - b.x0 || (a.space ? 1 : 0) - (b.space ? 1 : 0));
  return lines;
}

/** Splits a line where the horizontal gap is wider than a couple of ems (tab stops, columns). */
function segmentsOf(line: RawLine): Segment[] {
  const segs: Segment[] = [];
  let cur: Segment | undefined;
  for (const r of line.runs) {
    if (r.space) continue;
    if (cur && r.x0 - cur.x1 <= 2 * Math.max(r.size, 1)) {
      cur.runs.push(r);
      cur.x1 = Math.max(cur.x1, r.x1);
      continue;
    }
    cur = { runs: [r], x0: r.x0, x1: r.x1 };
    segs.push(cur);
  }
  return segs;
}

function joinRuns(runs: Run[]): string {
  let out = '';
  let prev: Run | undefined;
  for (const r of runs) {
    if (r.space) {
      if (out && !out.endsWith(' ')) out += ' ';
      continue;
    }
    if (prev) {
      const gap = r.x0 - prev.x1;
      // pdf.js marks an item that ended a line in stream order: a table cell, a label column.
      const needSpace = gap > 0.15 * Math.min(r.size, prev.size) || (prev.eol === true && gap > -0.5 * r.size);
      if (needSpace && !out.endsWith(' ') && !r.str.startsWith(' ')) out += ' ';
    }
    out += r.str;
    prev = r;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Finds a vertical gutter that splits the page into two columns, or returns undefined.
 * A gutter is an x position near the middle that few lines cross while many lines have
 * text on both sides of it.
 */
function findGutter(lines: { segs: Segment[] }[]): number | undefined {
  if (lines.length < 8) return undefined;
  let minX = Infinity, maxX = -Infinity;
  for (const l of lines) for (const s of l.segs) { minX = Math.min(minX, s.x0); maxX = Math.max(maxX, s.x1); }
  const span = maxX - minX;
  if (!(span > 100)) return undefined;
  const from = minX + 0.3 * span, to = minX + 0.7 * span;
  let best: number | undefined;
  let bestCross = Infinity;
  for (let g = from; g <= to; g += 2) {
    let cross = 0;
    for (const l of lines) for (const s of l.segs) if (s.x0 < g - 1 && s.x1 > g + 1) { cross++; break; }
    if (cross < bestCross) { bestCross = cross; best = g; }
  }
  if (best === undefined || bestCross > 0.2 * lines.length) return undefined;
  let left = 0, right = 0;
  for (const l of lines) {
    if (l.segs.some((s) => s.x1 <= best!)) left++;
    if (l.segs.some((s) => s.x0 >= best!)) right++;
  }
  const open = lines.length - bestCross;
  if (left < 0.4 * open || right < 0.4 * open || left < 5 || right < 5) return undefined;
  return best;
}

export function layoutPage(raw: RawRun[]): PageLayout {
  const { runs, skipped } = toRuns(raw);
  const rawLines = groupLines(runs).map((l) => ({ line: l, segs: segmentsOf(l) }));
  const gutter = findGutter(rawLines);
  const out: Omit<PdfLine, 'index'>[] = [];
  const make = (all: Run[], col: number, y: number): Omit<PdfLine, 'index'> => {
    const runs = all.filter((r) => !r.space);
    if (!runs.length) return { text: '', x0: NaN, x1: NaN, y, size: 0, col };
    let size = 0;
    const bySize = new Map<number, number>();
    for (const r of runs) {
      const k = Math.round(r.size * 2) / 2;
      bySize.set(k, (bySize.get(k) ?? 0) + r.str.length);
    }
    let w = -1;
    for (const [k, n] of bySize) if (n > w) { w = n; size = k; }
    return { text: joinRuns(all), x0: runs[0].x0, x1: Math.max(...runs.map((r) => r.x1)), y, size, col };
  };
  if (gutter === undefined) {
    for (const { line } of rawLines) out.push(make(line.runs, -1, line.y));
  } else {
    // Bands of two-column text between full-width lines: left column first, then right.
    let left: Omit<PdfLine, 'index'>[] = [];
    let right: Omit<PdfLine, 'index'>[] = [];
    const flush = () => { out.push(...left, ...right); left = []; right = []; };
    for (const { line, segs } of rawLines) {
      if (segs.some((s) => s.x0 < gutter - 1 && s.x1 > gutter + 1)) {
        flush();
        out.push(make(line.runs, -1, line.y));
        continue;
      }
      const l = line.runs.filter((r) => r.x1 <= gutter + 1);
      const r = line.runs.filter((r) => r.x1 > gutter + 1);
      if (l.length) left.push(make(l, 0, line.y));
      if (r.length) right.push(make(r, 1, line.y));
    }
    flush();
  }
  return { lines: out.filter((l) => l.text && Number.isFinite(l.x0)).map((l, index) => ({ ...l, index })), skippedRuns: skipped };
}
