/**
 * A small DOCX builder: a list of blocks in, a valid Word package out (synchronous, in memory).
 *
 * Used by the PDF redline (a clean DOCX from the normalized model) and by the report writer.
 *
 * ```ts
 * import { buildDocx } from '../docx/build.js';
 * const bytes = buildDocx([
 *   { kind: 'paragraph', style: 'Title', runs: 'Contract review' },
 *   { kind: 'paragraph', style: 'Heading1', runs: 'Summary' },
 *   { kind: 'paragraph', runs: ['Risk: ', { text: 'high', bold: true }] },
 *   { kind: 'paragraph', style: 'Quote', runs: 'The Supplier’s liability is unlimited.' },
 *   { kind: 'bullets', items: ['First point', ['Second ', { text: 'point', italic: true }]] },
 *   { kind: 'table', headerRow: true, rows: [['Severity', 'Count'], ['high', '3']] },
 * ], { title: 'Contract review', author: 'Docket' });
 * ```
 *
 * Text may contain "\n" (line break) and "\t" (tab). Characters XML cannot carry are dropped.
 * Styles available: Normal, Title, Subtitle, Heading1..Heading6 (Word's built-in "heading N",
 * so navigation pane and TOC work), Quote, ListParagraph; tables use "TableGrid".
 */
import { zipSync, strToU8 } from 'fflate';
import { escapeXml, stripInvalidXmlChars } from './xml.js';

export type ParagraphStyle =
  | 'Normal'
  | 'Title'
  | 'Subtitle'
  | 'Heading1'
  | 'Heading2'
  | 'Heading3'
  | 'Heading4'
  | 'Heading5'
  | 'Heading6'
  | 'Quote'
  | 'ListParagraph';

/** A run of text; a plain string is an unformatted run. */
export type Run = string | { text: string; bold?: boolean; italic?: boolean; underline?: boolean; color?: string /* hex "C00000" */ };

/** Inline content: one string or a list of runs. */
export type Inline = string | Run[];

export type Block =
  | { kind: 'paragraph'; runs: Inline; style?: ParagraphStyle; align?: 'left' | 'center' | 'right' | 'both' }
  /** A bulleted list; `level` 0..2 indents. */
  | { kind: 'bullets'; items: Inline[]; level?: number }
  /** A simple bordered table; `headerRow` bolds and repeats the first row. Column widths in twentieths of a point (optional). */
  | { kind: 'table'; rows: Inline[][]; headerRow?: boolean; widths?: number[] }
  | { kind: 'pageBreak' };

export interface BuildDocxOptions {
  /** Written to docProps/core.xml (dc:title). */
  title?: string;
  /** dc:creator and cp:lastModifiedBy; default "Docket". */
  author?: string;
  /** dcterms:created / modified; default now. */
  created?: Date;
}

export const W_NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Build a complete .docx package. */
export function buildDocx(blocks: Block[], opts: BuildDocxOptions = {}): Uint8Array {
  const body = blocks.map(blockXml).join('');
  const document =
    `${XML_DECL}<w:document ${W_NAMESPACES}><w:body>${body}` +
    `<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>` +
    `</w:body></w:document>`;
  return packageDocx(document, opts);
}

/** Wrap an already-written word/document.xml in a complete package (styles, numbering, rels, props). */
export function packageDocx(documentXml: string, opts: BuildDocxOptions = {}): Uint8Array {
  const author = escapeXml(opts.author ?? 'Docket');
  const created = isoSeconds(opts.created ?? new Date());
  const title = opts.title ? `<dc:title>${escapeXml(stripInvalidXmlChars(opts.title))}</dc:title>` : '';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(ROOT_RELS),
    'docProps/core.xml': strToU8(
      `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `${title}<dc:creator>${author}</dc:creator><cp:lastModifiedBy>${author}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
    ),
    'docProps/app.xml': strToU8(
      `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Docket</Application></Properties>`,
    ),
    'word/document.xml': strToU8(documentXml),
    'word/_rels/document.xml.rels': strToU8(DOC_RELS),
    'word/styles.xml': strToU8(STYLES),
    'word/numbering.xml': strToU8(NUMBERING),
    'word/settings.xml': strToU8(SETTINGS),
  };
  return zipSync(files, { level: 6, mtime: new Date('1980-01-02T00:00:00Z') });
}

/** One paragraph's XML (exported for callers that assemble their own document.xml). */
export function paragraphXml(runs: Inline, style?: ParagraphStyle, extraPPr = ''): string {
  const pStyle = style && style !== 'Normal' ? `<w:pStyle w:val="${style}"/>` : '';
  const pPr = pStyle || extraPPr ? `<w:pPr>${pStyle}${extraPPr}</w:pPr>` : '';
  return `<w:p>${pPr}${runsXml(runs)}</w:p>`;
}

export function runsXml(runs: Inline, force: { bold?: boolean } = {}): string {
  const list = typeof runs === 'string' ? [runs] : runs;
  return list.map((r) => runXml(typeof r === 'string' ? { text: r } : r, force)).join('');
}

/** Text as run content: "\t" becomes <w:tab/>, "\n" <w:br/>. */
export function textContentXml(text: string): string {
  const clean = stripInvalidXmlChars(text);
  const out: string[] = [];
  for (const piece of clean.split(/(\t|\r?\n)/)) {
    if (piece === '\t') out.push('<w:tab/>');
    else if (piece === '\n' || piece === '\r\n') out.push('<w:br/>');
    else if (piece) out.push(`<w:t xml:space="preserve">${escapeXml(piece)}</w:t>`);
  }
  return out.join('');
}

function runXml(r: Exclude<Run, string>, force: { bold?: boolean }): string {
  const props =
    (r.bold || force.bold ? '<w:b/><w:bCs/>' : '') +
    (r.italic ? '<w:i/><w:iCs/>' : '') +
    (r.underline ? '<w:u w:val="single"/>' : '') +
    (r.color && /^[0-9A-Fa-f]{6}$/.test(r.color) ? `<w:color w:val="${r.color}"/>` : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${textContentXml(r.text)}</w:r>`;
}

function blockXml(b: Block): string {
  switch (b.kind) {
    case 'paragraph': {
      const jc = b.align && b.align !== 'left' ? `<w:jc w:val="${b.align}"/>` : '';
      return paragraphXml(b.runs, b.style, jc);
    }
    case 'bullets': {
      const lvl = Math.max(0, Math.min(2, b.level ?? 0));
      return b.items
        .map((item) => paragraphXml(item, 'ListParagraph', `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="1"/></w:numPr>`))
        .join('');
    }
    case 'table':
      return tableXml(b.rows, b.headerRow ?? false, b.widths);
    case 'pageBreak':
      return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
  }
}

function tableXml(rows: Inline[][], headerRow: boolean, widths?: number[]): string {
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const w = widths && widths.length === cols ? widths : Array.from({ length: cols }, () => Math.floor(9360 / cols));
  const grid = `<w:tblGrid>${w.map((x) => `<w:gridCol w:w="${x}"/>`).join('')}</w:tblGrid>`;
  const tblPr = `<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>`;
  const body = rows
    .map((row, ri) => {
      const header = headerRow && ri === 0;
      const trPr = header ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
      const cells = Array.from({ length: cols }, (_, ci) => {
        const content = row[ci] ?? '';
        return `<w:tc><w:tcPr><w:tcW w:w="${w[ci]}" w:type="dxa"/></w:tcPr><w:p>${runsXml(content, { bold: header })}</w:p></w:tc>`;
      }).join('');
      return `<w:tr>${trPr}${cells}</w:tr>`;
    })
    .join('');
  // A table must be followed by a paragraph before the section properties.
  return `<w:tbl>${tblPr}${grid}${body}</w:tbl><w:p/>`;
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

const CONTENT_TYPES =
  `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
  `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
  `</Types>`;

const ROOT_RELS =
  `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
  `</Relationships>`;

const DOC_RELS =
  `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
  `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
  `</Relationships>`;

const SETTINGS = `${XML_DECL}<w:settings ${W_NAMESPACES}><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

function heading(n: number, size: number): string {
  return (
    `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="${n === 1 ? 360 : 240}" w:after="120"/><w:outlineLvl w:val="${n - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:bCs/>${n >= 4 ? '<w:i/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`
  );
}

const STYLES =
  `${XML_DECL}<w:styles ${W_NAMESPACES}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
  `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="595959"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
  [32, 28, 24, 22, 22, 22].map((s, i) => heading(i + 1, s)).join('') +
  `<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720" w:right="720"/><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="404040"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +
  `<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +
  `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
  `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>` +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`).join('') +
  `</w:tblBorders></w:tblPr></w:style>` +
  `</w:styles>`;

const BULLETS = ['\u2022', '\u25E6', '\u25AA'];
const NUMBERING =
  `${XML_DECL}<w:numbering ${W_NAMESPACES}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>` +
  BULLETS.map(
    (b, i) =>
      `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="${b}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>`,
  ).join('') +
  `</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
