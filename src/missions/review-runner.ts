// Runs reviews in a pool of long-lived threads and turns each review's end into one of three
// outcomes. A thread that timed out, ran out of memory or crashed is thrown away and replaced.
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
  /** Stop the review (shutdown, or the job was taken over); `done` resolves as a crash. */
  stop(): Promise<void>;
}

export interface ReviewLimits {
  timeoutMs: number;
  memoryMb: number;
}

// From source (tests run TypeScript through tsx) the thread needs the same loader.
const fromSource = import.meta.url.endsWith('.ts');
const threadFile = new URL(fromSource ? './review-thread.ts' : './review-thread.js', import.meta.url);
// Node 20 does not carry --import loaders into worker threads, so from source the thread
// registers tsx itself before loading the TypeScript file.
const threadEntry: [string | URL, { eval?: boolean }] = fromSource
  ? [`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(threadFile.href)}); });`, { eval: true }]
  : [threadFile, {}];

/** Reviews one thread runs before it is replaced, so slow leaks (caches, fragmentation) cannot build up. */
const REVIEWS_PER_THREAD = 100;
/** How long a new thread may take to load the engine before it counts as crashed. */
const STARTUP_MS = 60_000;

class ReviewThread {
  private readonly worker: Worker;
  private current: { id: number; finish: (o: ReviewOutcome) => void; onStage?: (s: string) => void } | null = null;
  private nextId = 1;
  reviews = 0;
  dead = false;
  /** Resolves when the thread has loaded the engine (its first message); the time budget starts then. */
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(memoryMb: number) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.worker = new Worker(threadEntry[0], {
      ...threadEntry[1],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: false,
      stderr: false,
    });
    this.worker.on('message', (msg: any) => {
      if (msg?.type === 'ready') return this.markReady();
      const cur = this.current;
      if (!cur || msg.id !== cur.id) return;
      if (msg.type === 'stage') cur.onStage?.(msg.stage);
      else if (msg.type === 'done') cur.finish({ kind: 'done', output: msg.output });
      else if (msg.type === 'document-error') cur.finish({ kind: 'document-error', message: msg.message });
      else if (msg.type === 'crash') cur.finish({ kind: 'crash', message: msg.message });
    });
    this.worker.on('error', (err: Error & { code?: string }) => {
      this.dead = true;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.current?.finish({
          kind: 'document-error',
          message: 'The document needed more memory to review than this server allows; split it into smaller files or ask the operator to raise DOCKET_REVIEW_MEMORY_MB.',
        });
      } else this.current?.finish({ kind: 'crash', message: `${err.name}: ${err.message}\n${err.stack ?? ''}` });
    });
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.current?.finish({ kind: 'crash', message: `review thread exited with code ${code}` });
    });
  }

  get busy(): boolean {
    return this.current !== null;
  }

  run(input: ReviewInput, timeoutMs: number): RunningReview {
    const { onStage, ...data } = input;
    const id = this.nextId++;
    this.reviews++;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<ReviewOutcome>((resolve) => {
      this.current = {
        id,
        onStage,
        finish: (o) => {
          if (this.current?.id !== id) return;
          this.current = null;
          clearTimeout(timer);
          resolve(o);
        },
      };
    });
    // A thread that cannot load the engine is a crash of ours (retried), not the document's fault.
    timer = setTimeout(() => {
      if (this.current?.id !== id) return;
      this.current.finish({ kind: 'crash', message: `review thread did not start within ${STARTUP_MS} ms` });
      void this.terminate();
    }, STARTUP_MS);
    // The document's time budget counts the review itself, not a new thread loading the engine.
    void this.ready.then(() => {
      if (this.current?.id !== id) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.current?.finish({
          kind: 'document-error',
          message: `The review took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped; the document may be too large or malformed. Split it or submit a cleaner copy.`,
        });
        void this.terminate();
      }, timeoutMs);
    });
    // The document's bytes are copied into the thread; the caller keeps its own.
    this.worker.postMessage({ id, input: data });
    return { done, stop: () => this.terminate() };
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

/** At most `size` threads; a review waits for none (the mission worker runs at most `size` at once). */
export class ReviewPool {
  private threads: ReviewThread[] = [];

  constructor(private readonly size: number, private readonly limits: ReviewLimits) {}

  run(input: ReviewInput): RunningReview {
    this.threads = this.threads.filter((t) => !t.dead);
    let thread = this.threads.find((t) => !t.busy && t.reviews < REVIEWS_PER_THREAD);
    if (!thread) {
      const retired = this.threads.find((t) => !t.busy);
      if (retired) {
        this.threads = this.threads.filter((t) => t !== retired);
        void retired.terminate();
      }
      if (this.threads.length >= this.size) throw new Error('review pool is full');
      thread = new ReviewThread(this.limits.memoryMb);
      this.threads.push(thread);
    }
    return thread.run(input, this.limits.timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
    this.threads = [];
  }
}
