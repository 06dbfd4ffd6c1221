// The one place the environment is read. Everything else takes a Config.
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; unset = embedded SQLite under dataDir. */
  databaseUrl?: string;
  /** Redis connection string; unset = in-process rate limit counters. */
  redisUrl?: string;
  logLevel: string;
  /** Run mission workers inside the API process. */
  workers: boolean;
  workerConcurrency: number;
  /** How long a claimed job stays claimed without a heartbeat before another worker may take it. */
  jobLeaseMs: number;
  /** How many times a job that crashed (not a document error) is tried before the mission fails. */
  jobMaxAttempts: number;
  /** Wall-clock budget of one review before it is stopped and the mission fails. */
  reviewTimeoutMs: number;
  /** Heap budget of the thread that runs one review. */
  reviewMemoryMb: number;
  /** Requests per minute per client address without a valid key. */
  anonymousLimit: number;
  /** Honour X-Forwarded-For from a reverse proxy (only when one is in front). */
  trustProxy: boolean;
  /** Lift the callback address guard (development and tests only; logged loudly at start). */
  allowPrivateCallbacks: boolean;
  /** Deadline of one callback attempt (DNS, connect, the receiver's status). */
  callbackTimeoutMs: number;
  /** How long retries of a callback go on before it is given up (from DOCKET_CALLBACK_RETRY_HOURS). */
  callbackRetryWindowMs: number;
  /** Exponential backoff of callback retries: first step and cap (each wait is a random share of the step). */
  callbackBackoffBaseMs: number;
  callbackBackoffMaxMs: number;
  /** Callback deliveries in flight at once per process. */
  callbackConcurrency: number;
  /** How often an idle delivery worker looks for due retries. */
  callbackPollMs: number;
  /** After a signing-secret rotation, how long the old secret keeps signing beside the new one. */
  webhookSecretOverlapMs: number;
  /** How often an open event stream looks for new mission events. */
  eventsPollMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be a whole number of at least ${min} (got "${raw}").`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}").`);
}

function hours(env: NodeJS.ProcessEnv, name: string, def: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def * 3_600_000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number of hours (got "${raw}").`);
  return Math.round(n * 3_600_000);
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cfg: Config = {
    port: int(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DOCKET_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    workers: bool(env, 'DOCKET_WORKERS', true),
    workerConcurrency: int(env, 'DOCKET_WORKER_CONCURRENCY', Math.max(1, Math.min(4, availableParallelism())), 1),
    jobLeaseMs: int(env, 'DOCKET_JOB_LEASE_MS', 60_000, 500),
    jobMaxAttempts: int(env, 'DOCKET_JOB_MAX_ATTEMPTS', 3, 1),
    reviewTimeoutMs: int(env, 'DOCKET_REVIEW_TIMEOUT_MS', 300_000, 1000),
    reviewMemoryMb: int(env, 'DOCKET_REVIEW_MEMORY_MB', 1536, 64),
    anonymousLimit: int(env, 'DOCKET_ANONYMOUS_LIMIT', 30, 1),
    trustProxy: bool(env, 'DOCKET_TRUST_PROXY', false),
    allowPrivateCallbacks: bool(env, 'DOCKET_ALLOW_PRIVATE_CALLBACKS', false),
    callbackTimeoutMs: int(env, 'DOCKET_CALLBACK_TIMEOUT_MS', 10_000, 100),
    callbackRetryWindowMs: hours(env, 'DOCKET_CALLBACK_RETRY_HOURS', 24),
    callbackBackoffBaseMs: int(env, 'DOCKET_CALLBACK_BACKOFF_BASE_MS', 5_000, 1),
    callbackBackoffMaxMs: int(env, 'DOCKET_CALLBACK_BACKOFF_MAX_MS', 3_600_000, 1),
    callbackConcurrency: int(env, 'DOCKET_CALLBACK_CONCURRENCY', 4, 1),
    callbackPollMs: int(env, 'DOCKET_CALLBACK_POLL_MS', 1_000, 10),
    webhookSecretOverlapMs: hours(env, 'DOCKET_WEBHOOK_SECRET_OVERLAP_HOURS', 24),
    eventsPollMs: int(env, 'DOCKET_EVENTS_POLL_MS', 250, 10),
  };
  return { ...cfg, ...overrides };
}
