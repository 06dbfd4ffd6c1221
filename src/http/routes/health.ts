import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/index.js';

export async function healthRoutes(app: FastifyInstance, { store }: { store: Store }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await store.ping();
      return { status: 'ready', store: store.dialect };
    } catch (err) {
      req.log.warn({ err }, 'store not reachable');
      return reply.status(503).send({ error: `The ${store.dialect === 'postgres' ? 'PostgreSQL database' : 'store'} is not reachable.` });
    }
  });
}
