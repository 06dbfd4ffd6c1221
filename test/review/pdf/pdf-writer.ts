// A minimal, honest PDF writer for tests: real PDF 1.4 files (Helvetica text, optional image-only
// pages, optional /Encrypt dictionary) that any reader opens, built without any PDF library.

export interface TextLine {
  text: string;
  /** Points from the left edge. */
  x: number;
  /** Points from the TOP edge (converted to PDF's bottom-up space when written). */
  y: number;
  size?: number;
  /** Helvetica-Bold instead of Helvetica. */
  bold?: boolean;
}

export interface PageSpec {
  lines?: TextLine[];
  /** Paint a small grey image and nothing else, like a scanned page. */
  image?: boolean;
  /** /Rotate of the page. */
  rotate?: 0 | 90 | 180 | 270;
}

export interface PdfSpec {
  pages: PageSpec[];
  title?: string;
  /**
   * Adds a standard security handler whose user password is not empty, so a reader must ask
   * for one. The streams stay plain: a reader that gets as far as decrypting has already failed.
   */
  encrypt?: boolean;
  width?: number;
  height?: number;
}

function pdfString(s: string): string {
  // WinAnsi covers what tests write; anything else becomes '?'.
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '\\' || ch === '(' || ch === ')') out += '\\' + ch;
    else if (c >= 32 && c < 127) out += ch;
    else out += '?';
  }
  return `(${out})`;
}

export function makePdf(spec: PdfSpec): Uint8Array {
  const W = spec.width ?? 612;
  const H = spec.height ?? 792;
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(body);
    return objects.length;
  };
  const streamObj = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const img = add(streamObj('/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8', Buffer.alloc(64, 0x80)));
  const kids: number[] = [];
  for (const p of spec.pages) {
    let content = '';
    if (p.image) content += `q ${W - 100} 0 0 ${H - 100} 50 50 cm /Im1 Do Q\n`;
    for (const l of p.lines ?? []) {
      const size = l.size ?? 11;
      content += `BT /${l.bold ? 'F2' : 'F1'} ${size} Tf 1 0 0 1 ${l.x.toFixed(2)} ${(H - l.y).toFixed(2)} Tm ${pdfString(l.text)} Tj ET\n`;
    }
    const c = add(streamObj('', Buffer.from(content, 'latin1')));
    const page = add(
      `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${W} ${H}] /Contents ${c} 0 R` +
        ` /Resources << /Font << /F1 ${font} 0 R /F2 ${bold} 0 R >> /XObject << /Im1 ${img} 0 R >> >>` +
        (p.rotate ? ` /Rotate ${p.rotate}` : '') +
        ' >>',
    );
    kids.push(page);
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = spec.title ? add(`<< /Title ${pdfString(spec.title)} /Producer (docket tests) >>`) : 0;
  const encrypt = spec.encrypt
    ? add(`<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${'7a'.repeat(32)}> /U <${'3c'.repeat(32)}> >>`)
    : 0;

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    chunks.push(b);
    offset += b.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  xref +=
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R` +
    (info ? ` /Info ${info} 0 R` : '') +
    (encrypt ? ` /Encrypt ${encrypt} 0 R` : '') +
    ` /ID [${id} ${id}] >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  const buf = Buffer.concat(chunks);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Greedy word wrap at a character count (Helvetica 11pt: ~95 chars over 6.5 inches). */
export function wrap(text: string, width = 90): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/)) {
    if (cur && cur.length + 1 + w.length > width) { out.push(cur); cur = w; }
    else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}

export interface ContractPageOptions {
  header?: string;
  /** Footer text; `{n}` and `{total}` are replaced. */
  footer?: string;
}

/**
 * Lays out blocks (headings and paragraphs) over as many pages as needed, single column,
 * with a running header and a page-number footer, the way a word processor prints a contract.
 */
export function layoutContract(blocks: { text: string; heading?: boolean }[], opts: ContractPageOptions = {}): PageSpec[] {
  const pages: PageSpec[] = [];
  const top = 90, bottom = 700, lead = 14;
  let lines: TextLine[] = [];
  let y = top;
  const newPage = () => { pages.push({ lines }); lines = []; y = top; };
  for (const b of blocks) {
    const wrapped = b.heading ? [b.text] : wrap(b.text);
    wrapped.forEach((t, i) => {
      if (y > bottom) newPage();
      lines.push({ text: t, x: 72, y, bold: b.heading });
      y += lead;
      void i;
    });
    y += lead * 0.8; // paragraph spacing
  }
  if (lines.length) newPage();
  const total = pages.length;
  pages.forEach((p, i) => {
    if (opts.header) p.lines!.unshift({ text: opts.header, x: 400, y: 50, size: 9 });
    if (opts.footer) p.lines!.push({ text: opts.footer.replace('{n}', String(i + 1)).replace('{total}', String(total)), x: 280, y: 750, size: 9 });
  });
  return pages;
}
