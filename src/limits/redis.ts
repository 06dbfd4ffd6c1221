// Fixed-window counters in Redis: exact across any number of API processes. One Lua script
// counts and sets the window's expiry atomically (INCR, then PEXPIRE on the first hit).
// If Redis cannot be reached, requests are still served: each process falls back to its own
// MemoryLimiter (limits become per process) with one loud warning, and goes back to Redis as
// soon as it answers again. ioredis never queues commands while disconnected (a request must
// not wait for Redis to come back) and gives up on a command after a short timeout.
import { Redis } from 'ioredis';
import { windowOf, type LimitResult, type Limiter } from './index.js';
import { MemoryLimiter } from './memory.js';

const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

export interface RedisLimiterOptions {
  /** Called once when Redis is lost and once when it is back. */
  warn?: (message: string) => void;
  /** How long one Redis command may take before the request is counted in memory instead. */
  commandTimeoutMs?: number;
}

type WithHit = Redis & { docketHit(key: string, ttlMs: number): Promise<number> };

export class RedisLimiter implements Limiter {
  private readonly redis: WithHit;
  private readonly fallback = new MemoryLimiter();
  private degraded = false;
  private readonly warn: (message: string) => void;

  constructor(url: string, opts: RedisLimiterOptions = {}) {
    this.warn = opts.warn ?? ((m) => process.stderr.write(`docket: ${m}\n`));
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: opts.commandTimeoutMs ?? 500,
      // Keep trying to reconnect for ever, at most every 2 s.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      lazyConnect: false,
    }) as WithHit;
    this.redis.defineCommand('docketHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // ioredis reports every failed reconnect here; the warning below says it once.
    this.redis.on('error', () => {});
    this.redis.on('ready', () => {
      if (this.degraded) {
        this.degraded = false;
        this.warn('Redis is reachable again: rate limits are shared across processes again.');
      }
    });
  }

  async hit(bucket: string, limit: number, windowMs: number): Promise<LimitResult> {
    const now = Date.now();
    const { start, resetAt } = windowOf(now, windowMs);
    if (this.redis.status === 'ready') {
      try {
        // The key names its window, so a late PEXPIRE can never stretch a window; it only tidies up.
        const n = await this.redis.docketHit(`docket:rl:${bucket}:${start}`, start + windowMs - now + 1000);
        this.recovered();
        return { limit, remaining: Math.max(0, limit - n), resetAt, allowed: n <= limit };
      } catch (e) {
        this.lost(e);
      }
    } else {
      this.lost(null);
    }
    return this.fallback.hit(bucket, limit, windowMs);
  }

  private lost(e: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    const why = e instanceof Error ? ` (${e.message})` : '';
    this.warn(
      `WARNING: Redis is unreachable${why}. Rate limits are now counted per process, so each API node allows the full limit ` +
        'until Redis is back. Requests are still being served.',
    );
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.warn('Redis is reachable again: rate limits are shared across processes again.');
  }

  /** Waits (at most `timeoutMs`) for the first connection, so the first requests do not count in memory needlessly. */
  async connected(timeoutMs = 2000): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(t);
        this.redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const t = setTimeout(() => done(false), timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  /** True while requests are counted in memory because Redis is unreachable. */
  get fallingBack(): boolean {
    return this.degraded;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
