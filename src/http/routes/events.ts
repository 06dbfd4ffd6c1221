// GET /missions/{id}/events: the mission's status and stage changes as Server-Sent Events.
// The events live in the store (mission_events, written with each change), so the stream
// works when the workers run in another process; it polls the table while open. Each event's
// id is its per-mission sequence number: reconnecting with Last-Event-ID resumes after it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scope } from '../auth.js';
import { getMission } from '../../missions/query.js';
import { BadRequest } from '../../errors.js';
import type { MissionEvent, MissionRecord, Store } from '../../store/index.js';
import { errorResponses, MissionIdParams } from '../schemas.js';

export interface EventRouteDeps {
  store: Store;
  pollMs: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs?: number;
}

const PAGE = 100;
const terminal = (status: string) => status === 'completed' || status === 'failed';

function frame(missionId: string, e: MissionEvent): string {
  const data = { missionId, seq: e.seq, status: e.status, stage: e.stage, failureReason: e.failureReason, at: e.at, final: terminal(e.status) };
  return `id: ${e.seq}\ndata: ${JSON.stringify(data)}\n\n`;
}

function lastEventId(raw: string | string[] | undefined): number {
  const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (v === undefined || v.trim() === '') return 0;
  if (!/^\d{1,9}$/.test(v.trim())) throw new BadRequest('Last-Event-ID must be the id of an event this stream sent (a whole number).');
  return Number(v.trim());
}

export const eventRoutes: FastifyPluginAsyncTypebox<EventRouteDeps> = async (app, { store, pollMs, heartbeatMs = 15_000 }) => {
  // Open streams end when the server closes, so shutdown does not wait on them.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get('/missions/:id/events', {
    preHandler: scope('missions:read'),
    schema: {
      summary: 'Follow a mission\'s progress as Server-Sent Events',
      description:
        'A text/event-stream of the mission\'s status and stage changes, from the first (pending/incoming) to the final one ' +
        '(completed/done or failed), after which the stream ends. Each event\'s id is a per-mission sequence number; ' +
        'reconnect with Last-Event-ID to resume after it. A mission that has already sent its final event answers 204.',
      tags: ['missions'],
      params: MissionIdParams,
      headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 20 })) }),
      response: {
        200: Type.String({ description: 'text/event-stream; each data line is {"missionId","seq","status","stage","failureReason","at","final"}.' }),
        204: Type.Null({ description: 'The client already has the final event; do not reconnect.' }),
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const mission = await getMission(store, req.caller!.org.id, req.params.id);
    let after = lastEventId(req.headers['last-event-id']);
    let pending = await store.listMissionEvents(mission.id, after, PAGE);
    if (pending.length === 0 && terminal(mission.status) && (after > 0 || !(await hasAnyEvent(store, mission.id)))) {
      if (after > 0) return reply.code(204).send(null);
      pending = [synthesizedEnd(mission)];
    }

    // From here on the response is ours; the X-RateLimit-* headers set by the onRequest limiter go with it.
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': req.id,
    });
    res.write('retry: 2000\n\n');

    let closed = false;
    let wake: (() => void) | null = null;
    const end = () => {
      closed = true;
      wake?.();
    };
    open.add(end);
    res.on('close', end);
    let lastWrite = Date.now();
    try {
      while (!closed) {
        let finished = false;
        for (const e of pending) {
          res.write(frame(mission.id, e));
          lastWrite = Date.now();
          after = e.seq;
          if (terminal(e.status)) {
            finished = true;
            break;
          }
        }
        if (finished) break;
        if (pending.length < PAGE) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wake = null;
        }
        if (closed) break;
        if (Date.now() - lastWrite >= heartbeatMs) {
          res.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
        pending = await store.listMissionEvents(mission.id, after, PAGE);
      }
    } catch (e) {
      // The client reconnects with Last-Event-ID and loses nothing.
      req.log.error({ err: e, mission: mission.id }, 'event stream failed');
    } finally {
      open.delete(end);
      res.end();
    }
  });
};

async function hasAnyEvent(store: Store, missionId: string): Promise<boolean> {
  return (await store.listMissionEvents(missionId, 0, 1)).length > 0;
}

/** A mission that ended before the event log existed still gets its final event. */
function synthesizedEnd(m: MissionRecord): MissionEvent {
  return { seq: 1, status: m.status, stage: m.stage, failureReason: m.failureReason, at: m.completedAt ?? m.updatedAt };
}
