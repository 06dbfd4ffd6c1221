// The mission worker: claims jobs, runs the review in a thread, records the outcome.
// At-least-once: a job whose worker died is claimed again when its lease runs out, and the
// outcome is written in one transaction, so a rerun replaces nothing half-written.
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Job, MissionRecord, ProducedFile, Queue, Store } from '../store/index.js';
import type { MissionType, ReviewResults } from '../review/types.js';
import { ReviewPool, type RunningReview } from './review-runner.js';
import { missionUrl } from './view.js';

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  maxAttempts: number;
  reviewTimeoutMs: number;
  reviewMemoryMb: number;
  /** How often an idle worker looks for jobs it was not woken for (other processes, expired leases). */
  pollMs?: number;
}

/** Called after a mission reaches completed or failed (callbacks hook in here). */
export type MissionEndedListener = (mission: MissionRecord) => void | Promise<void>;

const INTERNAL_FAILURE =
  'Docket could not finish this review because of an internal error; the operator has the details. Submitting it again may work.';

export class MissionWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = new Map<string, RunningReview>();
  private readonly reviews: ReviewPool;
  /** Jobs whose claim another worker has taken over: their outcome is not ours to record. */
  private lost = new Set<string>();
  private stopping = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void) | null = null;
  private unsubscribe?: () => void;
  private endedListeners: MissionEndedListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly queue: Queue,
    private readonly log: FastifyBaseLogger,
    private readonly opts: WorkerOptions,
  ) {
    this.reviews = new ReviewPool(opts.concurrency, { timeoutMs: opts.reviewTimeoutMs, memoryMb: opts.reviewMemoryMb });
  }

  onMissionEnded(l: MissionEndedListener): void {
    this.endedListeners.push(l);
  }

  start(): void {
    this.unsubscribe = this.queue.onEnqueue?.(() => this.wake?.());
    for (let i = 0; i < this.opts.concurrency; i++) this.loops.push(this.loop());
  }

  /** Stop claiming; give running jobs back to the queue so another worker (or the next start) finishes them. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.wake?.();
    await Promise.all([...this.running.values()].map((r) => r.stop()));
    await Promise.all(this.loops);
    await this.reviews.close();
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      const prev = this.wake;
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        prev?.();
        done();
      };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let job: Job | null = null;
      try {
        job = await this.queue.claim(this.id, this.opts.leaseMs);
      } catch (e) {
        this.log.error({ err: e }, 'could not claim a job; retrying');
      }
      if (!job) {
        await this.sleep(this.opts.pollMs ?? 1000);
        continue;
      }
      await this.process(job);
    }
  }

  private async process(job: Job): Promise<void> {
    const heartbeat = setInterval(() => {
      this.queue.heartbeat(job.id, this.id, this.opts.leaseMs).then(
        (held) => {
          if (held || this.lost.has(job.id)) return;
          // Another worker took the job over (this one stalled past its lease): stop and let it finish.
          this.lost.add(job.id);
          this.log.warn({ job: job.id, mission: job.missionId }, 'lost the claim on a job; stopping its review');
          void this.running.get(job.id)?.stop();
        },
        (e) => this.log.warn({ err: e, job: job.id }, 'heartbeat failed'),
      );
    }, Math.max(200, Math.floor(this.opts.leaseMs / 3)));
    try {
      await this.runJob(job);
    } catch (e) {
      this.log.error({ err: e, job: job.id, mission: job.missionId }, 'job crashed');
      await this.retryOrFail(job, e instanceof Error ? e.message : String(e)).catch((err) => this.log.error({ err }, 'could not record a job failure'));
    } finally {
      clearInterval(heartbeat);
      this.lost.delete(job.id);
    }
  }

  private async runJob(job: Job): Promise<void> {
    const mission = await this.store.getMission(null, job.missionId);
    if (!mission || mission.status === 'completed' || mission.status === 'failed') {
      await this.queue.complete(job.id);
      return;
    }
    await this.store.markMissionActive(mission.id, 'parsing');
    const bytes = await this.store.readDocumentBytes(mission.document.id);
    const pkg = mission.positionPackageId ? await this.store.getPackage(mission.orgId, mission.positionPackageId) : null;

    const review = this.reviews.run(
      {
        bytes,
        filename: mission.document.filename,
        mimeType: mission.document.mimeType,
        missionType: mission.missionType as MissionType,
        context: mission.context ?? undefined,
        positionPackage: pkg?.body,
        onStage: (stage) => {
          this.store.setMissionStage(mission.id, stage).catch((e) => this.log.warn({ err: e }, 'could not record a stage'));
        },
      },
    );
    this.running.set(job.id, review);
    const outcome = await review.done.finally(() => this.running.delete(job.id));
    if (this.lost.has(job.id)) return;

    if (this.stopping && outcome.kind === 'crash') {
      await this.queue.release(job.id, 0, 'worker shut down');
      return;
    }
    if (outcome.kind === 'document-error') {
      await this.store.failMission(mission.id, outcome.message);
      await this.queue.complete(job.id);
      await this.ended(mission.id);
      return;
    }
    if (outcome.kind === 'crash') {
      this.log.error({ job: job.id, mission: mission.id, detail: outcome.message }, 'review crashed');
      await this.retryOrFail(job, outcome.message);
      return;
    }
    const files: ProducedFile[] = outcome.output.documents.map((d) => ({
      id: randomUUID(),
      kind: d.kind,
      filename: d.filename,
      mimeType: d.mimeType,
      bytes: d.bytes,
      sha256: createHash('sha256').update(d.bytes).digest('hex'),
    }));
    const results: ReviewResults & { documents: unknown[] } = {
      ...outcome.output.results,
      documents: files.map((f) => ({
        id: f.id,
        kind: f.kind,
        filename: f.filename,
        mimeType: f.mimeType,
        size: f.bytes.byteLength,
        url: `${missionUrl(mission.id)}/documents/${f.id}`,
      })),
    };
    await this.store.completeMission(mission.id, results, files);
    await this.queue.complete(job.id);
    await this.ended(mission.id);
  }

  private async retryOrFail(job: Job, detail: string): Promise<void> {
    if (job.attempts < this.opts.maxAttempts) {
      await this.queue.release(job.id, 1000 * 2 ** job.attempts, detail.slice(0, 2000));
      return;
    }
    await this.store.failMission(job.missionId, INTERNAL_FAILURE);
    await this.queue.fail(job.id, detail.slice(0, 2000));
    await this.ended(job.missionId);
  }

  private async ended(missionId: string): Promise<void> {
    if (this.endedListeners.length === 0) return;
    const m = await this.store.getMission(null, missionId);
    if (!m) return;
    for (const l of this.endedListeners) {
      try {
        await l(m);
      } catch (e) {
        this.log.error({ err: e, mission: missionId }, 'mission-ended listener failed');
      }
    }
  }
}
