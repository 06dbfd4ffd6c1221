import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const corpusDir = process.env.DOCKET_CORPUS_DIR ?? resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'shared', 'corpus');

export function docPayloadFrom(rel: string) {
  const bytes = readFileSync(resolve(corpusDir, rel));
  return { base64: bytes.toString('base64'), filename: rel.split('/').pop()! };
}
