// The delivery worker: claims due callback deliveries (a lease in the store, so any number of
// processes may run one), POSTs them signed, and records each attempt with the delivery's next
// state in one transaction. A 2xx ends a delivery; 410 Gone or a refused address gives up at
// once; anything else is retried with exponential backoff and full jitter until the retry
// window (counted from the start of the attempt cycle) runs out.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { CallbackRecord, DeliveryAttemptResult, Store } from '../store/index.js';
import type { LookupAll } from './address-guard.js';
import { callbackBody } from './payload.js';
import { postCallback } from './send.js';
import { signedHeaders } from './sign.js';
import { signingSecrets } from './secrets.js';

export interface DeliveryOptions {
  concurrency: number;
  /** How often an idle loop looks for due deliveries (retries come due without a wake-up). */
  pollMs: number;
  /** Deadline of one attempt: DNS, connect and the receiver's status. */
  timeoutMs: number;
  /** How long after the first attempt of a cycle retries go on before the delivery is given up. */
  retryWindowMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  allowPrivate: boolean;
  lookup?: LookupAll;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

/** Full jitter: a uniformly random wait up to the exponential step (AWS architecture blog). */
export function backoffMs(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(max, base * 2 ** Math.max(0, attempt - 1)));
}

export class DeliveryWorker {
  readonly id = `${hostname()}:${process.pid}:cb:${randomUUID().slice(0, 8)}`;
  private stopping = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly opts: DeliveryOptions,
  ) {
    // Longer than any attempt can take, so a live worker never loses its lease mid-attempt.
    this.leaseMs = opts.timeoutMs * 2 + 30_000;
  }

  start(): void {
    for (let i = 0; i < this.opts.concurrency; i++) this.loops.push(this.loop());
  }

  /** A delivery may be due now (a mission just ended in this process). */
  wake(): void {
    for (const w of this.wakers) w();
  }

  /** Stop claiming and wait for attempts in flight (each is bounded by timeoutMs). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.loops);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let d: CallbackRecord | null = null;
      try {
        d = await this.store.claimDelivery(this.id, this.leaseMs, Date.now());
      } catch (e) {
        this.log.error({ err: e }, 'could not claim a callback delivery; retrying');
      }
      if (!d) {
        await this.sleep(this.opts.pollMs);
        continue;
      }
      try {
        await this.attempt(d);
      } catch (e) {
        // The lease runs out and another loop tries again.
        this.log.error({ err: e, delivery: d.id, mission: d.missionId }, 'callback attempt crashed');
      }
    }
  }

  private async attempt(d: CallbackRecord): Promise<void> {
    const started = Date.now();
    const attempt = d.attempts + 1;
    const mission = await this.store.getMission(null, d.missionId);
    let result: { status: number | null; error: string | null; refused: boolean };
    if (!mission) {
      result = { status: null, error: 'the mission no longer exists', refused: true };
    } else {
      const body = callbackBody(d.event, mission);
      const secrets = (await signingSecrets(this.store, d.orgId)).map((s) => s.secret);
      const headers = signedHeaders(secrets, d.id, Math.floor(Date.now() / 1000), body);
      result = await postCallback(d.url, body, headers, this.opts);
    }
    const end = Date.now();
    let outcome: DeliveryAttemptResult['outcome'];
    let nextAttemptAt: number | null = null;
    if (result.status !== null && result.status >= 200 && result.status < 300) outcome = 'delivered';
    else if (result.status === 410 || result.refused) outcome = 'given_up';
    else {
      nextAttemptAt = end + backoffMs(attempt, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
      outcome = nextAttemptAt > d.cycleStartedAt + this.opts.retryWindowMs ? 'given_up' : 'retry';
    }
    const error = result.status === 410 ? 'the receiver answered 410 Gone; no more attempts' : result.error;
    const held = await this.store.recordDeliveryAttempt(d.id, this.id, {
      cycle: d.cycle,
      attempt,
      startedAt: new Date(started).toISOString(),
      durationMs: end - started,
      status: result.status,
      error,
      outcome,
      nextAttemptAt: outcome === 'retry' ? nextAttemptAt : null,
    });
    const fields = { delivery: d.id, mission: d.missionId, attempt, status: result.status, outcome };
    if (!held) this.log.warn(fields, 'callback attempt finished after its lease was lost or the delivery was restarted');
    else if (outcome === 'delivered') this.log.info(fields, 'callback delivered');
    else this.log.warn({ ...fields, error, nextAttemptAt: nextAttemptAt && new Date(nextAttemptAt).toISOString() }, outcome === 'retry' ? 'callback failed; will retry' : 'callback given up');
  }
}
