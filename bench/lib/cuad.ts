// The CUAD dev sample's labels (../shared/corpus/cuad-dev/labels.csv): one row per contract, for
// each category the spans the lawyers marked and their answer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { corpusDir } from './payload.js';

export const cuadDir = resolve(corpusDir, 'cuad-dev');

/** RFC 4180 CSV: quoted fields with doubled quotes and embedded newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** A Python list literal of strings: ['a', "b's", 'c\'d']. */
export function parsePyList(text: string): string[] {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) throw new Error(`not a Python list: ${t.slice(0, 40)}`);
  const out: string[] = [];
  let i = 1;
  while (i < t.length - 1) {
    const c = t[i]!;
    if (c === "'" || c === '"') {
      let s = '';
      i++;
      while (i < t.length && t[i] !== c) {
        if (t[i] === '\\' && i + 1 < t.length) {
          const n = t[i + 1]!;
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'x' ? String.fromCharCode(parseInt(t.slice(i + 2, i + 4), 16)) : n;
          i += n === 'x' ? 4 : 2;
        } else s += t[i++];
      }
      out.push(s);
      i++;
    } else i++;
  }
  return out;
}

export interface Label {
  present: boolean;
  answer: string;
  /** The passages the lawyers marked. */
  spans: string[];
}
export interface Row { id: string; labels: Map<string, Label> }

export function loadLabels(): Row[] {
  const [header, ...rows] = parseCsv(readFileSync(resolve(cuadDir, 'labels.csv'), 'utf8')).filter((r) => r.length > 1);
  return rows.map((r) => {
    const labels = new Map<string, Label>();
    header!.forEach((h, i) => {
      if (i < 3 || /answer/i.test(h)) return;
      const spans = parsePyList(r[i] ?? '[]');
      labels.set(h.trim(), { present: spans.length > 0, answer: (r[i + 1] ?? '').trim(), spans });
    });
    return { id: r[0]!, labels };
  });
}
