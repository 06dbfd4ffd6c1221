// Runs one review inside a worker thread, so a slow or hostile document never blocks the
// API's event loop and a runaway one can be stopped (terminate) or capped (resourceLimits).
import { parentPort, workerData } from 'node:worker_threads';
import { runReview } from '../review/index.js';
import { DocumentError } from '../review/errors.js';
import type { ReviewInput } from '../review/types.js';

const input = workerData as Omit<ReviewInput, 'onStage'>;
const port = parentPort!;

try {
  const output = await runReview({ ...input, onStage: (stage) => port.postMessage({ type: 'stage', stage }) });
  port.postMessage({ type: 'done', output }, output.documents.map((d) => d.bytes.buffer as ArrayBuffer).filter(uniqueBuffers()));
} catch (e) {
  if (e instanceof DocumentError) port.postMessage({ type: 'document-error', message: e.message, code: e.code });
  else port.postMessage({ type: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
}

function uniqueBuffers() {
  const seen = new Set<ArrayBuffer>();
  return (b: ArrayBuffer) => {
    if (seen.has(b) || b.byteLength === 0) return false;
    seen.add(b);
    return true;
  };
}
