// Wires a whole Docket node: backend, limiter, HTTP app and (unless told not to) mission workers.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { createBackend } from './store/create.js';
import type { Backend } from './store/index.js';
import type { Limiter } from './limits/index.js';
import { MemoryLimiter } from './limits/memory.js';
import { buildApp } from './http/app.js';
import { MissionWorker } from './missions/run.js';
import { initStore } from './orgs/setup.js';
import type { IssuedKey } from './keys/api-key.js';

export interface RunningServer {
  app: FastifyInstance;
  backend: Backend;
  worker: MissionWorker | null;
  url: string;
  /** The key created on first start of an empty store (null otherwise). */
  initialKey: IssuedKey | null;
  close(): Promise<void>;
}

export async function createLimiter(config: Config): Promise<Limiter> {
  return new MemoryLimiter();
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

export async function startServer(config: Config, opts: { logger?: boolean | object; init?: boolean } = {}): Promise<RunningServer> {
  const backend = await createBackend(config);
  const limiter = await createLimiter(config);
  const { key } = opts.init === false ? { key: null } : await initStore(backend.store);
  const app = await buildApp(config, { store: backend.store, limiter }, { logger: opts.logger });
  const worker = config.workers ? createWorker(config, backend, app.log) : null;
  await app.listen({ port: config.port, host: config.host });
  worker?.start();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  let closing: Promise<void> | null = null;
  return {
    app,
    backend,
    worker,
    url: `http://127.0.0.1:${port}`,
    initialKey: key,
    close() {
      // In-flight requests finish; running reviews go back to the queue; then the store closes.
      closing ??= (async () => {
        await app.close();
        await worker?.stop();
        await limiter.close();
        await backend.store.close();
      })();
      return closing;
    },
  };
}
