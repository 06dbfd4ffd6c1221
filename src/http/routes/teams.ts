import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scope } from '../auth.js';
import type { Store } from '../../store/index.js';
import { errorResponses, TeamSchema } from '../schemas.js';

export const teamRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get('/teams', {
    preHandler: scope('teams:read'),
    schema: {
      summary: 'List the teams of your org',
      tags: ['teams'],
      response: { 200: Type.Object({ teams: Type.Array(TeamSchema) }), ...errorResponses },
    },
  }, async (req) => {
    const teams = await store.listTeams(req.caller!.org.id);
    return { teams: teams.map((t) => ({ id: t.id, name: t.name, missionTypes: t.missionTypes, defaultPositionPackageId: t.defaultPackageId })) };
  });
};
