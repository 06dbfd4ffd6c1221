// Real documents as API payloads.
import { readFileSync } from 'node:fs';
import { corpusPath } from './corpus.js';

export const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MIME_PDF = 'application/pdf';

export function docPayload(rel: string, mimeType?: string): { base64: string; filename: string; mimeType?: string } {
  const bytes = readFileSync(corpusPath(rel));
  const filename = rel.split('/').pop()!;
  return { base64: bytes.toString('base64'), filename, ...(mimeType ? { mimeType } : {}) };
}

export const NDA_DOCX = 'docx/commonpaper-mutual-nda.docx';
export const CUAD_PDF = 'cuad-dev/pdf/cuad-001.pdf';
