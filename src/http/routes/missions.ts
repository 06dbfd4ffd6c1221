import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scope } from '../auth.js';
import { createMission, type CallbackCheck } from '../../missions/create.js';
import { createMissionIdempotently, parseIdempotencyKey } from '../../missions/idempotency.js';
import { getMission, listMissions } from '../../missions/query.js';
import { missionUrl, missionView, resultsView } from '../../missions/view.js';
import { NotFound } from '../../errors.js';
import type { Store } from '../../store/index.js';
import {
  CreateMissionBody, CreateMissionHeaders, DocumentParams, errorResponses, ErrorBody, ListMissionsQuery, MissionIdParams, MissionSchema, ResultsSchema,
} from '../schemas.js';

export interface MissionRouteDeps {
  store: Store;
  checkCallback?: CallbackCheck;
}

export const missionRoutes: FastifyPluginAsyncTypebox<MissionRouteDeps> = async (app, { store, checkCallback }) => {
  app.post('/missions', {
    preHandler: scope('missions:write'),
    schema: {
      summary: 'Submit a document for review',
      description: 'Answers 202 at once; the mission runs in the background. Poll pollUrl (every 5 s is plenty) or pass callbackUrl.',
      tags: ['missions'],
      body: CreateMissionBody,
      headers: CreateMissionHeaders,
      response: {
        202: Type.Object({ success: Type.Literal(true), mission: MissionSchema, jobId: Type.String(), pollUrl: Type.String() }),
        409: ErrorBody,
        422: ErrorBody,
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    // A large body's base64 stays a view of the request bytes (see http/json-body.ts).
    const input = req.documentBase64 ? { ...req.body, document: { ...req.body.document, base64: req.documentBase64 } } : req.body;
    const idempotencyKey = parseIdempotencyKey(req.headers['idempotency-key']);
    if (idempotencyKey !== undefined) {
      const r = await createMissionIdempotently(store, req.caller!.org, input, idempotencyKey, checkCallback);
      if (r.replayed) reply.header('Idempotent-Replayed', 'true');
      // The stored JSON text, as sent the first time: a string with a JSON type goes out unserialized.
      return reply.status(r.status as 202).type('application/json; charset=utf-8').send(r.body as never);
    }
    const m = await createMission(store, req.caller!.org, input, checkCallback);
    return reply.status(202).send({ success: true as const, mission: missionView(m), jobId: m.jobId, pollUrl: missionUrl(m.id) });
  });

  app.get('/missions', {
    preHandler: scope('missions:read'),
    schema: {
      summary: 'List missions, newest first',
      description: 'Filter by externalRef to check whether a document was already submitted.',
      tags: ['missions'],
      querystring: ListMissionsQuery,
      response: { 200: Type.Object({ missions: Type.Array(MissionSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => {
    const page = await listMissions(store, req.caller!.org.id, req.query);
    return { missions: page.missions.map(missionView), nextCursor: page.nextCursor };
  });

  app.get('/missions/:id', {
    preHandler: scope('missions:read'),
    schema: {
      summary: 'Get a mission and, once completed, its results',
      tags: ['missions'],
      params: MissionIdParams,
      response: { 200: Type.Object({ mission: MissionSchema, results: Type.Union([ResultsSchema, Type.Null()]) }), ...errorResponses },
    },
  }, async (req) => {
    const m = await getMission(store, req.caller!.org.id, req.params.id);
    return { mission: missionView(m), results: resultsView(m) as any };
  });

  app.get('/missions/:id/documents/:documentId', {
    preHandler: scope('missions:read'),
    schema: {
      summary: 'Download a result document (redline, report, ...)',
      tags: ['missions'],
      params: DocumentParams,
      response: { 200: Type.Unknown({ description: 'The file\'s bytes.' }), ...errorResponses },
    },
  }, async (req, reply) => {
    const { id, documentId } = req.params;
    await getMission(store, req.caller!.org.id, id);
    const doc = await store.getDocument(req.caller!.org.id, id, documentId);
    if (!doc || doc.kind === 'source') throw new NotFound(`Mission ${id} has no result document ${documentId}.`);
    const bytes = await store.readDocumentBytes(doc.id);
    return reply
      .header('Content-Type', doc.mimeType)
      .header('Content-Disposition', `attachment; filename="${doc.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
      .header('Content-Length', String(bytes.byteLength))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
};
