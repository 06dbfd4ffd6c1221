import { windowOf, type LimitResult, type Limiter } from './index.js';

/** In-process fixed-window counters: exact for one process (the embedded default). */
export class MemoryLimiter implements Limiter {
  private readonly counts = new Map<string, { start: number; n: number }>();
  private sweepAt = 0;

  async hit(bucket: string, limit: number, windowMs: number): Promise<LimitResult> {
    const now = Date.now();
    const { start, resetAt } = windowOf(now, windowMs);
    if (now > this.sweepAt) this.sweep(now, windowMs);
    let c = this.counts.get(bucket);
    if (!c || c.start !== start) {
      c = { start, n: 0 };
      this.counts.set(bucket, c);
    }
    c.n++;
    return { limit, remaining: Math.max(0, limit - c.n), resetAt, allowed: c.n <= limit };
  }

  private sweep(now: number, windowMs: number): void {
    const { start } = windowOf(now, windowMs);
    for (const [k, v] of this.counts) if (v.start < start) this.counts.delete(k);
    this.sweepAt = now + windowMs;
  }

  async close(): Promise<void> {}
}
