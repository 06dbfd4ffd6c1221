// The parties, from the preamble: "by and between eFashion Solutions, LLC, a New Jersey limited
// liability company ... ("EFS") and Playboy.com, Inc., a Delaware corporation ("Client")".
import type { DocContext, Unit } from './context.js';

const INTRO = /\b(?:by\s+and\s+(?:between|among)|between|among|amongst)\b\s*:?\s*/i;
const ENTITY_SUFFIX = /\b(?:Inc|Incorporated|Corp|Corporation|Company|Co|LLC|L\.L\.C|Ltd|Limited|LP|L\.P|LLP|PLC|plc|GmbH|AG|S\.A|SA|N\.A|B\.V|N\.V|Pty|S\.p\.A|S\.r\.l|SAS|AB|Oy|KK|Trust|Fund|Bank|Partners|Holdings?|Group)\b\.?/;
const DEFINED = /\(\s*(?:hereinafter\s+(?:referred\s+to\s+as\s+)?|collectively\s+|together\s+|each\s+)?(?:the\s+)?["“]([^"”]{1,60})["”]/g;

/** Split "A, a Delaware corporation ("A") and B, a ... ("B")" into party chunks. */
function chunks(segment: string): string[] {
  return segment
    .split(/\s*;\s*(?:and\s+)?|,?\s+and\s+(?=(?:the\s+)?[A-Z0-9])|\)\s*,\s*(?=[A-Z][A-Za-z0-9.&'’-]+(?:\s+[A-Z][A-Za-z0-9.&'’-]+)*,?\s+(?:a|an)\s)/)
    .map((c) => c.trim())
    .filter(Boolean);
}

function nameOf(chunk: string): string | undefined {
  let c = chunk.replace(/^(?:\d+\.|\([a-z0-9]+\)|[-–•●▪◦·])\s*/i, '').replace(/^(?:the\s+)?/i, '');
  // The name ends where its description starts.
  const cut = c.search(/,?\s+(?:a|an)\s+(?:[A-Z][a-z]+\s+)*(?:[a-z]+\s+){0,4}(?:corporation|company|partnership|limited|organized|organised|incorporated|association|entity|bank|trust|fund|individual|national|business|resident|subsidiary)|,?\s+(?:a|an)\s+[A-Z][a-zA-Z]+\s|\s*\(|,\s+(?:having|with|whose|located|residing|organized|incorporated|formed|an?\s)|\s+(?:having|whose|with\s+(?:its|a|offices))\b|,\s+\d/);
  if (cut > 0) c = c.slice(0, cut);
  c = c.replace(/[,;:\s]+$/, '').replace(/^["“]|["”]$/g, '').trim();
  // Keep the full stop of "Inc." or "S.A." but not a sentence's.
  if (c.endsWith('.') && !/\b(?:Inc|Corp|Co|Ltd|L\.L\.C|L\.P|S\.A|N\.A|B\.V|N\.V|P\.C|[A-Z])\.$/.test(c)) c = c.slice(0, -1);
  if (/\b(?:agree|agrees|means|shall|will|must|act|are|is|has|have)\b/.test(c)) return undefined;
  if (c.length < 2 || c.length > 120) return undefined;
  if (!/^[A-Z0-9"“]/.test(c) && !/^[a-z]+[A-Z.]/.test(c)) return undefined;
  if (/^(?:this|that|each|such|its|their|all|any|certain|those)\b/i.test(c)) return undefined;
  if (/\b(?:agreement|hereto|parties|hereinafter|whereas)\b/i.test(c) && !ENTITY_SUFFIX.test(c)) return undefined;
  return c;
}

export interface PartiesHit {
  unit: Unit;
  parties: string[];
  /** Defined names ("EFS", "Client") in the order the parties appear. */
  aliases: string[];
}

/**
 * The units of the first `n` paragraphs that hold text, headings aside: a table of contents
 * read one entry per paragraph (PDF) must not push the preamble out of reach.
 */
export function frontUnits(ctx: DocContext, n: number): Unit[] {
  const out: Unit[] = [];
  let seen = 0;
  let last = -1;
  for (const u of ctx.units) {
    if (u.paragraph.index !== last) {
      last = u.paragraph.index;
      // TOC entries ("2.1 Agreement to Supply 13", a column of page numbers) are not content.
      if (!/^[\d\s.]+$/.test(u.paragraph.text) && !/(?:\.\s?){4,}\s*\d+\s*$/.test(u.paragraph.text)) seen++;
      if (seen > n) break;
    }
    out.push(u);
  }
  return out;
}

/** Look for the preamble in the first part of the document. */
export function findParties(ctx: DocContext): PartiesHit | undefined {
  const early = frontUnits(ctx, 60).slice(0, 120);
  for (const u of early) {
    const para = ctx.byParagraph.get(u.paragraph.index)!.map((x) => x.text).join(' ');
    if (u.n !== 0) continue;
    const m = INTRO.exec(para);
    if (!m) continue;
    if (!/\b(?:agreement|contract|made|entered|dated|effective|amendment|memorandum|addendum|license|plan|hereto|undersigned)\b/i.test(para.slice(0, m.index + 40))) continue;
    const after = para.slice(m.index + m[0].length);
    const stop = after.search(/\b(?:WHEREAS|RECITALS|W I T N E S S|WITNESSETH|NOW,? THEREFORE|BACKGROUND)\b|\bagrees?\s+as\s+follows|\bhereby\s+agree|["”]\s+means\b|\.\s+(?:The\s+parties|Each\s+of|This\s+Agreement|In\s+consideration|The\s+[A-Z])/);
    const segment = stop > 0 ? after.slice(0, stop) : after.slice(0, 1200);
    const parties: string[] = [];
    for (const ch of chunks(segment)) {
      const n = nameOf(ch);
      if (n && !parties.includes(n)) parties.push(n);
      if (parties.length >= 8) break;
    }
    const aliases = [...segment.matchAll(DEFINED)].map((d) => d[1]!.replace(/[,;:\s]+$/, '').trim()).filter((a) => !/^(?:agreement|effective date)$/i.test(a));
    if (parties.length >= 1) return { unit: u, parties, aliases };
  }
  // Fallback: entity names with a corporate suffix near the top ("PEREGRINE/BRIDGE TRANSFER CORPORATION ... and NEON SYSTEMS, INC.").
  const found: string[] = [];
  let first: Unit | undefined;
  for (const u of early.slice(0, 40)) {
    const t = u.text.trim();
    // A name alone on its line, or a labelled party line of the kind translated and civil-law contracts use:
    // "Party A: Beijing ... Co., Ltd.", "(1) Nanjing ... Co., Ltd., with its registered address at ...", "Licensor: Acme Inc."
    const m =
      /^([A-Z][A-Za-z0-9.&/'’,\- ]{2,80}?\b(?:Inc|Incorporated|Corp|Corporation|Company|LLC|Ltd|Limited|LP|PLC|GmbH|S\.A)\.?)$/.exec(t) ??
      /^(?:\(?\d{1,2}\)|\d{1,2}\.)?\s*(?:(?:Party\s+[A-Z]|Licensor|Licensee|Supplier|Customer|Buyer|Seller|Purchaser|Client|Consultant|Distributor|Vendor|Contractor|Manufacturer|Franchisor|Franchisee)\s*(?:\([^)]{1,40}\)\s*)?[:：]\s*)?([A-Z][A-Za-z0-9.&/'’\- ]{2,80}?(?:\([A-Za-z ]{2,30}\)\s*)?(?:,\s*)?\b(?:Inc|Incorporated|Corp|Corporation|Company|Co\.,?\s+Ltd|LLC|Ltd|Limited|LP|PLC|GmbH|S\.A)\.?)(?=\s*$|,\s|\s*\(|\s*;)/.exec(t);
    if (m && !found.includes(m[1]!)) {
      found.push(m[1]!);
      first ??= u;
    }
  }
  if (found.length && first) return { unit: first, parties: found, aliases: [] };
  return signatureParties(ctx);
}

const SIGNATORY = /([A-Z][A-Za-z0-9.&'’,\- ]{2,80}?\b(?:Inc|INC|Incorporated|INCORPORATED|Corp|CORP|Corporation|CORPORATION|Company|COMPANY|LLC|L\.L\.C|Ltd|LTD|Limited|LIMITED|LP|L\.P|LLP|PLC|GmbH|S\.A|N\.A|Trust|TRUST|Fund|FUND|Bank|BANK)\.?),?\s+(?:By|BY)\s*:/g;

/**
 * A document with no preamble (a joint filing agreement, a letter countersigned by its addressees)
 * names its parties where they sign: "IN WITNESS WHEREOF ... ACME HOLDINGS LLC By: /s/ ...".
 */
function signatureParties(ctx: DocContext): PartiesHit | undefined {
  const start = ctx.units.findIndex((u) => /\bIN\s+WITNESS\s+WHEREOF\b/i.test(u.text));
  if (start < 0) return undefined;
  const parties: string[] = [];
  // Read the signature pages as one run of text: a sentence splitter cuts "INC. By:" apart.
  const text = ctx.units.slice(start, start + 40).map((u) => u.text).join(' ');
  for (const m of text.matchAll(SIGNATORY)) {
    // The name starts after the previous signatory's block ("... Authorized Signatory ATHENE USA CORPORATION By:").
    const name = m[1]!.replace(/^.*(?:\d{4}|[a-z]{3,})\.\s+(?=[A-Z])/, '').replace(/^.*\b(?:Signatory|Title|Name|Its|Date|Director|President|Officer|Partner|Member|Manager|Secretary|Treasurer)\b\s*:?\s*(?:[A-Z][a-z]+\s+)*/, '').replace(/^(?:its\s+\w+(?:\s+\w+)?\s+)/i, '').trim();
    if (!/^[A-Z0-9]/.test(name) || /\bits\s/i.test(name) || name.length < 3) continue;
    if (!parties.includes(name)) parties.push(name);
    if (parties.length >= 12) break;
  }
  return parties.length ? { unit: ctx.units[start]!, parties, aliases: [] } : undefined;
}
