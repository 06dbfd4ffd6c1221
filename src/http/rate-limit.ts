// Fixed-window limits: per key (reads and writes counted apart, limits from the key's org)
// and per client address for requests without a valid key, so guessing keys is slow.
// The X-RateLimit-* headers go on every API response, errors included.
import type { FastifyInstance } from 'fastify';
import { TooManyRequests, Unauthorized } from '../errors.js';
import type { Limiter } from '../limits/index.js';
import { API_BASE } from '../missions/view.js';

const WINDOW_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerRateLimit(app: FastifyInstance, limiter: Limiter, anonymousLimit: number): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith(API_BASE)) return;
    const caller = req.caller;
    const write = WRITE_METHODS.has(req.method);
    const r = caller
      ? await limiter.hit(`key:${caller.key.id}:${write ? 'w' : 'r'}`, write ? caller.org.writeLimit : caller.org.readLimit, WINDOW_MS)
      : await limiter.hit(`ip:${req.ip}`, anonymousLimit, WINDOW_MS);
    reply.header('X-RateLimit-Limit', String(r.limit));
    reply.header('X-RateLimit-Remaining', String(r.remaining));
    reply.header('X-RateLimit-Reset', String(r.resetAt));
    if (!r.allowed) {
      const wait = Math.max(1, r.resetAt - Math.floor(Date.now() / 1000));
      throw new TooManyRequests(
        caller
          ? `Rate limit exceeded: this key may make ${r.limit} ${write ? 'writes' : 'reads'} a minute; retry after ${wait} seconds.`
          : `Too many requests without a valid API key from this address; retry after ${wait} seconds.`,
        wait,
      );
    }
    if (!caller && !req.routeOptions.config?.public) throw new Unauthorized('Missing or invalid API key');
  });
}
