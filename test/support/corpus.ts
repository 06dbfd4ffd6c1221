// Real documents for tests live beside the repository in ../shared/corpus (as in CI's clone).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const corpusDir = process.env.DOCKET_CORPUS_DIR ?? resolve(repoRoot, '..', 'shared', 'corpus');

export function corpusPath(rel: string): string {
  const p = resolve(corpusDir, rel);
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p} (set DOCKET_CORPUS_DIR to the shared/corpus folder)`);
  return p;
}
