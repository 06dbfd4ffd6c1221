// The engine's entry point, called by the mission worker (in a worker thread). Pure: no HTTP,
// no store, no environment.
import { parseDocument } from './document/index.js';
import type { ReviewInput, ReviewOutput } from './types.js';

export type * from './types.js';

export async function runReview(input: ReviewInput): Promise<ReviewOutput> {
  input.onStage?.('parsing');
  const doc = await parseDocument(input.bytes);
  return {
    results: {
      summary: `Read ${doc.stats.pages} page(s), ${doc.stats.paragraphs} paragraphs and ${doc.stats.words} words.`,
      riskLevel: null,
      findingsCount: 0,
      findings: [],
      clauses: [],
      document: { format: doc.format, title: doc.title, stats: doc.stats, warnings: doc.warnings },
      positionPackage: null,
    },
    documents: [],
  };
}
