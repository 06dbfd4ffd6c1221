import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { scope } from '../auth.js';
import type { Store } from '../../store/index.js';
import { errorResponses, PositionPackageSchema } from '../schemas.js';

export const positionPackageRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get('/position-packages', {
    preHandler: scope('position-packages:read'),
    schema: {
      summary: 'List the position packages (playbooks) of your org',
      tags: ['position-packages'],
      response: { 200: Type.Object({ positionPackages: Type.Array(PositionPackageSchema) }), ...errorResponses },
    },
  }, async (req) => {
    const pkgs = await store.listPackages(req.caller!.org.id);
    return {
      positionPackages: pkgs.map((p) => ({
        id: p.id, slug: p.slug, name: p.name, description: p.description, agreementTypes: p.agreementTypes,
        representing: p.representing, version: p.version, positionsCount: p.positionsCount, builtIn: p.builtIn,
      })),
    };
  });
};
