// Builds the Fastify app from a config and its dependencies; tests call this with their own.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import { loggerOptions } from '../logger.js';
import type { Store } from '../store/index.js';
import type { Limiter } from '../limits/index.js';
import type { CallbackCheck } from '../missions/create.js';
import { API_BASE } from '../missions/view.js';
import { MAX_BASE64_CHARS } from '../missions/document-check.js';
import { registerErrorHandling } from './errors.js';
import { registerJsonBody } from './json-body.js';
import { registerAuth } from './auth.js';
import { registerRateLimit } from './rate-limit.js';
import { missionRoutes } from './routes/missions.js';
import { teamRoutes } from './routes/teams.js';
import { positionPackageRoutes } from './routes/position-packages.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { eventRoutes } from './routes/events.js';

export interface AppDeps {
  store: Store;
  limiter: Limiter;
  checkCallback?: CallbackCheck;
  /** Extra routes under the API base (e.g. the event stream), registered with the same auth and limits. */
  extraRoutes?: (app: FastifyInstance) => Promise<void>;
}

export async function buildApp(config: Config, deps: AppDeps, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    bodyLimit: MAX_BASE64_CHARS + 1024 * 1024,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  // The API speaks JSON only; Fastify's built-in text/plain parser would let other bodies through to validation.
  app.removeContentTypeParser('text/plain');
  registerJsonBody(app, MAX_BASE64_CHARS + 1024 * 1024);
  app.addHook('onSend', async (req, reply) => {
    reply.header('X-Request-Id', req.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Docket API',
        version: 'v1',
        description: 'Self-hosted contract review: submit a DOCX or PDF as a mission, get 202 at once, then poll or receive a callback.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'dk_live_… API key' } } },
      security: [{ bearer: [] }],
    },
  });

  registerAuth(app, deps.store);
  registerRateLimit(app, deps.limiter, config.anonymousLimit);

  await app.register(healthRoutes, { store: deps.store });
  await app.register(docsRoutes);
  await app.register(
    async (api) => {
      await api.register(teamRoutes, { store: deps.store });
      await api.register(positionPackageRoutes, { store: deps.store });
      await api.register(missionRoutes, { store: deps.store, checkCallback: deps.checkCallback });
      await api.register(eventRoutes, { store: deps.store, pollMs: config.eventsPollMs });
      if (deps.extraRoutes) await deps.extraRoutes(api);
    },
    { prefix: API_BASE },
  );
  return app;
}
