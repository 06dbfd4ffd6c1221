// Who is calling: resolves the Bearer key (every request, so revocation takes effect at once)
// and offers the scope check routes use.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, hasScope } from '../keys/api-key.js';
import { Forbidden, Unauthorized } from '../errors.js';
import type { ApiKeyRecord, Org, Scope, Store } from '../store/index.js';
import { API_BASE } from '../missions/view.js';

export interface Caller {
  key: ApiKeyRecord;
  org: Org;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Served without a key (still rate limited per address). */
    public?: boolean;
  }
}

export function registerAuth(app: FastifyInstance, store: Store): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith(API_BASE)) return;
    const header = req.headers.authorization;
    if (!header) return;
    const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
    if (!m) return;
    // The key and its org in one query: an authenticated read costs one round trip plus its own.
    const found = await authenticate(store, m[1]);
    if (found) req.caller = found;
  });
}

const MISSING_KEY = 'Missing or invalid API key';

/** The caller, or a 401 exactly alike for a missing, unknown, expired or revoked key. */
export function requireCaller(req: FastifyRequest): Caller {
  if (!req.caller) throw new Unauthorized(MISSING_KEY);
  return req.caller;
}

export function requireScope(req: FastifyRequest, scope: Scope): Caller {
  const caller = requireCaller(req);
  if (!hasScope(caller.key.scopes, scope)) {
    throw new Forbidden(`This API key lacks the ${scope} scope; ask the operator for a key with it (npx docket keys create --scopes ${scope}).`);
  }
  return caller;
}

/** For routes: a preHandler that demands a scope. */
export const scope = (s: Scope) => async (req: FastifyRequest) => {
  requireScope(req, s);
};
