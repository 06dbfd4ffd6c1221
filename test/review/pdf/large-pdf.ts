// A long, realistic contract PDF for the large-document test and bench/parse.ts: every page has
// a running header, a "Page n of N" footer, one article heading and numbered clauses.
import { makePdf, wrap, type PageSpec, type TextLine } from './pdf-writer.js';

export function makeLargeContract(pageCount: number): Uint8Array {
  const pages: PageSpec[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const lines: TextLine[] = [{ text: 'CONFIDENTIAL - SUPPLY AGREEMENT', x: 380, y: 40, size: 9 }];
    let y = 80;
    lines.push({ text: `ARTICLE ${n}`, x: 72, y, bold: true });
    y += 28;
    // Real contracts do not number clauses past 999; restart the numbers every 500 pages.
    const art = ((n - 1) % 500) + 1;
    for (let c = 1; c <= 9; c++) {
      const text = `${art}.${c} The Supplier shall, in respect of schedule ${n} item ${c}, deliver the goods within ${c + 2} business days of each purchase order and shall indemnify the Buyer against all losses arising from late delivery.`;
      for (const l of wrap(text)) {
        lines.push({ text: l, x: 72, y });
        y += 14;
      }
      y += 8;
    }
    lines.push({ text: `Page ${n} of ${pageCount}`, x: 270, y: 760, size: 9 });
    pages.push({ lines });
  }
  return makePdf({ pages, title: 'Supply Agreement' });
}
