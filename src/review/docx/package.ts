// Package-level plumbing shared by the reader and the writer: find the main document part and
// resolve the parts it relates to (styles, numbering, headers, notes, comments).
import type { Element } from '@xmldom/xmldom';
import { DocumentError } from '../errors.js';
import { parseXml } from './xml.js';
import type { SafeZip } from './zip.js';
import { REL } from './wml.js';

export interface Relationship {
  id: string;
  type: string;
  /** Resolved zip path ("word/header1.xml"); undefined for external targets. */
  target?: string;
}

/** Directory of a part ("word/document.xml" -> "word/"). */
function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

export function relsPathOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

export function resolveTarget(fromPart: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : dirOf(fromPart) + target;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return decodeURIComponent(out.join('/'));
}

export async function readRelationships(zip: SafeZip, part: string): Promise<Relationship[]> {
  const xml = await zip.readText(relsPathOf(part));
  if (!xml) return [];
  const doc = parseXml(xml, 'the package relationships');
  const rels: Relationship[] = [];
  const list = doc.getElementsByTagName('Relationship');
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as Element;
    const id = r.getAttribute('Id') ?? '';
    const type = r.getAttribute('Type') ?? '';
    const target = r.getAttribute('Target') ?? '';
    const external = r.getAttribute('TargetMode') === 'External';
    rels.push({ id, type, target: external || !target ? undefined : resolveTarget(part, target) });
  }
  return rels;
}

/** The main document part's path, from _rels/.rels (falling back to the usual name). */
export async function findMainPart(zip: SafeZip): Promise<string> {
  const rels = await readRelationships(zip, '');
  const main = rels.find((r) => r.type === REL.officeDocument || r.type.endsWith('/officeDocument'))?.target;
  if (main && zip.has(main)) return main;
  if (zip.has('word/document.xml')) return 'word/document.xml';
  throw new DocumentError('The file is a zip package but holds no Word document body; submit the contract as a .docx saved by Word or LibreOffice.', 'unsupported');
}
