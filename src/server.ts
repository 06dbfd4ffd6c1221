// Wires a whole Docket node: backend, limiter, HTTP app and (unless told not to) mission workers.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { createBackend } from './store/create.js';
import type { Backend } from './store/index.js';
import type { Limiter } from './limits/index.js';
import { MemoryLimiter } from './limits/memory.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { MissionWorker } from './missions/run.js';
import { initStore } from './orgs/setup.js';
import type { IssuedKey } from './keys/api-key.js';
import { DeliveryWorker } from './webhooks/deliver.js';
import { checkCallbackUrl } from './webhooks/address-guard.js';

export interface RunningServer {
  app: FastifyInstance;
  backend: Backend;
  worker: MissionWorker | null;
  /** Sends mission callbacks (runs wherever mission workers run). */
  deliveries: DeliveryWorker | null;
  url: string;
  /** The key created on first start of an empty store (null otherwise). */
  initialKey: IssuedKey | null;
  close(): Promise<void>;
}

export async function createLimiter(config: Config): Promise<Limiter> {
  if (!config.redisUrl) return new MemoryLimiter();
  const { RedisLimiter } = await import('./limits/redis.js');
  const limiter = new RedisLimiter(config.redisUrl);
  // Start counting in Redis from the first request; if it is down, the limiter says so and falls back.
  await limiter.connected();
  return limiter;
}

export function createWorker(config: Config, backend: Backend, log: FastifyInstance['log']): MissionWorker {
  return new MissionWorker(backend.store, backend.queue, log, {
    concurrency: config.workerConcurrency,
    leaseMs: config.jobLeaseMs,
    maxAttempts: config.jobMaxAttempts,
    reviewTimeoutMs: config.reviewTimeoutMs,
    reviewMemoryMb: config.reviewMemoryMb,
  });
}

export function createDeliveryWorker(config: Config, backend: Backend, log: FastifyInstance['log']): DeliveryWorker {
  return new DeliveryWorker(backend.store, log, {
    concurrency: config.callbackConcurrency,
    pollMs: config.callbackPollMs,
    timeoutMs: config.callbackTimeoutMs,
    retryWindowMs: config.callbackRetryWindowMs,
    backoffBaseMs: config.callbackBackoffBaseMs,
    backoffMaxMs: config.callbackBackoffMaxMs,
    allowPrivate: config.allowPrivateCallbacks,
  });
}

/** Says loudly that the callback address guard is off (call once at start of any process that sends or accepts callbacks). */
export function warnIfPrivateCallbacks(config: Config, log: FastifyInstance['log']): void {
  if (config.allowPrivateCallbacks) {
    log.warn('DOCKET_ALLOW_PRIVATE_CALLBACKS is on: callbacks may go to loopback, private and cloud-metadata addresses. Never run a shared or production server like this.');
  }
}

export interface RunningWorker {
  backend: Backend;
  worker: MissionWorker;
  deliveries: DeliveryWorker;
  log: FastifyInstance['log'];
  /** Stop claiming, give running jobs back to the queue, close the store. */
  close(): Promise<void>;
}

/** A worker-only node (`docket worker`): mission and callback workers, no HTTP. */
/** Mission and callback workers of one process, wired together. */
function createWorkers(config: Config, backend: Backend, log: FastifyInstance['log']) {
  const worker = createWorker(config, backend, log);
  const deliveries = createDeliveryWorker(config, backend, log);
  // A mission that ended here has a delivery due now; other processes' come up on the next poll.
  worker.onMissionEnded(() => deliveries.wake());
  return {
    worker,
    deliveries,
    start() {
      worker.start();
      deliveries.start();
    },
    async stop() {
      await worker.stop();
      await deliveries.stop();
    },
  };
}

/** A worker-only node (`docket worker`): mission and callback workers, no HTTP. */
export async function startWorkerNode(config: Config): Promise<RunningWorker> {
  const backend = await createBackend(config);
  const log = createLogger(config);
  warnIfPrivateCallbacks(config, log);
  const workers = createWorkers(config, backend, log);
  workers.start();
  let closing: Promise<void> | null = null;
  return {
    backend,
    worker: workers.worker,
    deliveries: workers.deliveries,
    log,
    close() {
      closing ??= (async () => {
        await workers.stop();
        await backend.store.close();
        log.flush();
      })();
      return closing;
    },
  };
}

export async function startServer(config: Config, opts: { logger?: boolean | object; init?: boolean } = {}): Promise<RunningServer> {
  const backend = await createBackend(config);
  const limiter = await createLimiter(config);
  const { key } = opts.init === false ? { key: null } : await initStore(backend.store);
  const checkCallback = (url: string) => {
    checkCallbackUrl(url, { allowPrivate: config.allowPrivateCallbacks });
  };
  const app = await buildApp(config, { store: backend.store, limiter, checkCallback }, { logger: opts.logger });
  warnIfPrivateCallbacks(config, app.log);
  const workers = config.workers ? createWorkers(config, backend, app.log) : null;
  await app.listen({ port: config.port, host: config.host });
  workers?.start();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  let closing: Promise<void> | null = null;
  return {
    app,
    backend,
    worker: workers?.worker ?? null,
    deliveries: workers?.deliveries ?? null,
    url: `http://127.0.0.1:${port}`,
    initialKey: key,
    close() {
      // In-flight requests finish; running reviews go back to the queue; then the store closes.
      closing ??= (async () => {
        await app.close();
        await workers?.stop();
        await limiter.close();
        await backend.store.close();
      })();
      return closing;
    },
  };
}
