// Starts a review in its own thread and turns its end into one of three outcomes.
import { Worker } from 'node:worker_threads';
import type { ReviewInput, ReviewOutput } from '../review/types.js';

export type ReviewOutcome =
  | { kind: 'done'; output: ReviewOutput }
  /** The document is the problem: the message is for the user. */
  | { kind: 'document-error'; message: string }
  /** Docket is the problem: the message is for the operator's log only. */
  | { kind: 'crash'; message: string };

export interface RunningReview {
  done: Promise<ReviewOutcome>;
  /** Stop the review (shutdown); `done` resolves as a crash. */
  stop(): Promise<void>;
}

// From source (tests run TypeScript through tsx) the thread needs the same loader.
const fromSource = import.meta.url.endsWith('.ts');
const threadFile = new URL(fromSource ? './review-thread.ts' : './review-thread.js', import.meta.url);
// Node 20 does not carry --import loaders into worker threads, so from source the thread
// registers tsx itself before loading the TypeScript file.
const threadEntry: [string | URL, { eval?: boolean }] = fromSource
  ? [`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(threadFile.href)}); });`, { eval: true }]
  : [threadFile, {}];

export function startReview(
  input: ReviewInput,
  limits: { timeoutMs: number; memoryMb: number },
): RunningReview {
  const { onStage, ...data } = input;
  const worker = new Worker(threadEntry[0], {
    ...threadEntry[1],
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    stdout: false,
    stderr: false,
  });
  let settled = false;
  let timer: NodeJS.Timeout;
  const done = new Promise<ReviewOutcome>((resolve) => {
    const finish = (o: ReviewOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(o);
    };
    timer = setTimeout(
      () => finish({ kind: 'document-error', message: `The review took longer than ${Math.round(limits.timeoutMs / 1000)} seconds and was stopped; the document may be too large or malformed. Split it or submit a cleaner copy.` }),
      limits.timeoutMs,
    );
    worker.on('message', (msg: any) => {
      if (msg.type === 'stage') onStage?.(msg.stage);
      else if (msg.type === 'done') finish({ kind: 'done', output: msg.output });
      else if (msg.type === 'document-error') finish({ kind: 'document-error', message: msg.message });
      else if (msg.type === 'crash') finish({ kind: 'crash', message: msg.message });
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({ kind: 'document-error', message: 'The document needed more memory to review than this server allows; split it into smaller files or ask the operator to raise DOCKET_REVIEW_MEMORY_MB.' });
      } else finish({ kind: 'crash', message: `${err.name}: ${err.message}\n${err.stack ?? ''}` });
    });
    worker.on('exit', (code) => finish({ kind: 'crash', message: `review thread exited with code ${code}` }));
  });
  return {
    done,
    async stop() {
      await worker.terminate();
    },
  };
}
