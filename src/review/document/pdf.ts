// PDF -> the normalized document model, with pdf.js (legacy build: the one meant for Node).
// Pages are read one at a time and reduced to text lines at once, so memory follows one
// page's text items plus the (small) lines of the pages before it, whatever the page count.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, Util, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { DocumentModel, ParseLimits } from './model.js';
import { countHeadings } from './model.js';
import { DocumentError } from '../errors.js';
import { layoutPage, type RawRun } from './pdf-layout.js';
import { buildParagraphs, type PageLines } from './pdf-paragraphs.js';

export interface PdfReadOptions {
  /** Wall-clock budget for the whole document; past it the read fails as too complex. */
  timeBudgetMs?: number;
}

export const DEFAULT_PDF_TIME_BUDGET_MS = 120_000;

// Character maps ship with pdfjs-dist; read from disk, never fetched. Needed for CJK fonts.
const CMAP_DIR = (() => {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps') + '/';
  } catch {
    return undefined;
  }
})();

const MSG = {
  encrypted: 'The PDF is password-protected; remove the password and submit it again.',
  unreadable: 'The PDF could not be read; it may be damaged or incomplete, so export it again and resubmit it.',
  empty: 'The PDF has no text layer (it looks like a scanned image); run it through OCR (text recognition) and submit it again.',
  slow: 'The PDF took too long to read; it may be damaged or unusually complex, so export it again or submit a DOCX instead.',
  tooManyPages: (n: number, max: number) =>
    `The PDF has ${n.toLocaleString('en-US')} pages, more than the ${max.toLocaleString('en-US')} this server reads; split it and submit the parts.`,
};

class BudgetExceeded extends Error {}

function toDocumentError(err: unknown): DocumentError {
  if (err instanceof DocumentError) return err;
  if (err instanceof BudgetExceeded) return new DocumentError(MSG.slow, 'too_large');
  const name = (err as { name?: string } | null)?.name;
  if (name === 'PasswordException') return new DocumentError(MSG.encrypted, 'encrypted');
  return new DocumentError(MSG.unreadable, 'unreadable');
}

/** How long a timed-out read waits for pdf.js to finish its current step before tearing down. */
const TEARDOWN_GRACE_MS = 5_000;

/**
 * Rejects with BudgetExceeded when `deadline` passes first; the caller then destroys the document.
 * `track` remembers the pending pdf.js call: destroying the document under a call still in
 * flight makes pdf.js reject promises nobody holds, so teardown waits (briefly) for it first.
 */
function withDeadline<T>(p: Promise<T>, deadline: number, track?: { inflight?: Promise<unknown> }): Promise<T> {
  if (track) track.inflight = p;
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(new BudgetExceeded());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded()), left);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function pageRuns(page: PDFPageProxy): Promise<RawRun[]> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ includeMarkedContent: false });
  const runs: RawRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str) continue;
    const t = Util.transform(viewport.transform, item.transform) as number[];
    runs.push({ str: item.str, t, width: item.width, eol: item.hasEOL });
  }
  return runs;
}

function cleanTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const t = raw.replace(/\s+/g, ' ').trim();
  // Producer leftovers ("Microsoft Word - draft3.doc", "untitled") are not titles.
  if (t.length < 3 || t.length > 200) return undefined;
  if (/^(untitled|microsoft word\b|document\d*$)/i.test(t) || /\.(docx?|pdf|html?|rtf|txt|wpd)$/i.test(t)) return undefined;
  if (!/[A-Za-z]{3}/.test(t)) return undefined;
  return t;
}

export async function readPdf(bytes: Uint8Array, limits: ParseLimits, options: PdfReadOptions = {}): Promise<DocumentModel> {
  const deadline = Date.now() + (options.timeBudgetMs ?? DEFAULT_PDF_TIME_BUDGET_MS);
  // pdf.js may take ownership of the buffer it is given; the caller keeps theirs.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
    ...(CMAP_DIR ? { cMapUrl: CMAP_DIR, cMapPacked: true } : {}),
  });
  let doc: PDFDocumentProxy | undefined;
  const pending: { inflight?: Promise<unknown> } = {};
  try {
    doc = await withDeadline(task.promise, deadline, pending);
    const numPages = doc.numPages;
    if (numPages > limits.maxPages) throw new DocumentError(MSG.tooManyPages(numPages, limits.maxPages), 'too_large');

    const pages: PageLines[] = [];
    const emptyPages: number[] = [];
    let failedPages = 0;
    for (let n = 1; n <= numPages; n++) {
      let page: PDFPageProxy | undefined;
      try {
        page = await withDeadline(doc.getPage(n), deadline, pending);
        const runs = await withDeadline(pageRuns(page), deadline, pending);
        const { lines } = layoutPage(runs);
        if (lines.length === 0) emptyPages.push(n);
        pages.push({ page: n, lines });
      } catch (err) {
        if (err instanceof BudgetExceeded || (err as { name?: string })?.name === 'PasswordException') throw err;
        // One broken page should not cost the rest of the contract.
        failedPages++;
        emptyPages.push(n);
        pages.push({ page: n, lines: [] });
      } finally {
        page?.cleanup();
        if (n % 100 === 0) await doc.cleanup().catch(() => undefined);
      }
    }
    if (failedPages === numPages) throw new DocumentError(MSG.unreadable, 'unreadable');

    const { paragraphs, truncated } = buildParagraphs(pages, limits.maxParagraphs);
    let words = 0;
    for (const p of paragraphs) words += p.text.split(/\s+/).filter(Boolean).length;
    if (words < 3) throw new DocumentError(MSG.empty, 'empty');

    const warnings: string[] = [];
    if (failedPages > 0) {
      warnings.push(`${failedPages} of ${numPages} pages could not be read and were skipped.`);
    }
    const imageOnly = emptyPages.length - failedPages;
    if (imageOnly > 0) {
      const which = emptyPages.length <= 10 ? ` (page${emptyPages.length > 1 ? 's' : ''} ${emptyPages.join(', ')})` : '';
      const verb = imageOnly === 1 ? 'has' : 'have';
      warnings.push(`${imageOnly} of ${numPages} pages ${verb} no text layer${which}; their content, if any, was not read. Run the PDF through OCR to include it.`);
    }
    if (truncated) warnings.push(`The document has more than ${limits.maxParagraphs.toLocaleString('en-US')} paragraphs; only the first ones were read.`);

    let title: string | undefined;
    try {
      const meta = await withDeadline(doc.getMetadata(), deadline, pending);
      title = cleanTitle((meta.info as Record<string, unknown> | undefined)?.Title);
    } catch (err) {
      if (err instanceof BudgetExceeded) throw err;
    }
    title ??= paragraphs.find(
      (p) => p.headingLevel !== undefined && (p.page ?? 1) <= 3 && !/^(exhibit|schedule|annex|appendix|attachment)\b/i.test(p.text) && /[A-Za-z]{3}/.test(p.text),
    )?.text;

    return {
      format: 'pdf',
      paragraphs,
      comments: [],
      stats: {
        pages: numPages,
        paragraphs: paragraphs.length,
        words,
        headings: countHeadings(paragraphs),
        tables: 0,
        trackedInsertions: 0,
        trackedDeletions: 0,
        comments: 0,
      },
      ...(title ? { title } : {}),
      warnings,
    };
  } catch (err) {
    throw toDocumentError(err);
  } finally {
    if (pending.inflight) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => { timer = setTimeout(resolve, TEARDOWN_GRACE_MS); });
      await Promise.race([pending.inflight.catch(() => undefined), grace]);
      clearTimeout(timer);
    }
    // Frees the worker-side caches too; also cancels a load still in flight after a timeout.
    await task.destroy().catch(() => undefined);
  }
}
