import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  type OrgStatsEngine,
  type OrgStatsEngineKind,
  openOrgStatsEngine,
} from '../services/workspace/org-stats-engine.ts';

declare module 'fastify' {
  interface FastifyInstance {
    orgStats: OrgStatsEngine;
  }
}

/** Starts the exact statistics engine for staff (its worker loads at once) and stops it on close. */
export const orgStatsEnginePlugin = fp(
  async (app: FastifyInstance, opts: { kind?: OrgStatsEngineKind }) => {
    const engine = openOrgStatsEngine(app.db, opts.kind);
    app.decorate('orgStats', engine);
    app.addHook('onClose', async () => engine.close());
  },
);
