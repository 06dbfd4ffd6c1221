// A long-lived review thread: takes one review at a time from its parent and answers with its
// outcome. Running reviews in threads keeps a slow or hostile document off the API's event loop,
// lets a runaway one be stopped (terminate) and caps its memory (resourceLimits); keeping the
// thread between reviews keeps pdf.js, the taxonomy and the playbooks loaded.
import { parentPort } from 'node:worker_threads';
import { runReview } from '../review/index.js';
import { DocumentError } from '../review/errors.js';
import type { ReviewInput } from '../review/types.js';

const port = parentPort!;

port.on('message', async (msg: { id: number; input: Omit<ReviewInput, 'onStage'> }) => {
  const { id, input } = msg;
  try {
    const output = await runReview({ ...input, onStage: (stage) => port.postMessage({ id, type: 'stage', stage }) });
    port.postMessage({ id, type: 'done', output }, output.documents.map((d) => d.bytes.buffer as ArrayBuffer).filter(uniqueBuffers()));
  } catch (e) {
    if (e instanceof DocumentError) port.postMessage({ id, type: 'document-error', message: e.message, code: e.code });
    else port.postMessage({ id, type: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
  }
});
port.postMessage({ type: 'ready' });

function uniqueBuffers() {
  const seen = new Set<ArrayBuffer>();
  return (b: ArrayBuffer) => {
    if (seen.has(b) || b.byteLength === 0) return false;
    seen.add(b);
    return true;
  };
}
