// The rate-limit port: fixed windows, counted per bucket ("key:<id>:read", "ip:<addr>").
export interface LimitResult {
  /** The window's limit. */
  limit: number;
  /** Requests left in the window after this one (never below 0). */
  remaining: number;
  /** Unix time (seconds) when the window resets. */
  resetAt: number;
  allowed: boolean;
}

export interface Limiter {
  /** Count one request against `bucket`, whose limit is `limit` per `windowMs`. */
  hit(bucket: string, limit: number, windowMs: number): Promise<LimitResult>;
  close(): Promise<void>;
}

export function windowOf(nowMs: number, windowMs: number): { start: number; resetAt: number } {
  const start = Math.floor(nowMs / windowMs) * windowMs;
  return { start, resetAt: Math.ceil((start + windowMs) / 1000) };
}
