// Publishes due public snapshots: once at start and then every hour, so a server that was down
// when a period's delay ran out publishes as soon as it is back.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publishDue, type SnapshotSettings } from '../services/stats-snapshot.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;

export const snapshotSchedulePlugin = fp(
  async (app: FastifyInstance, opts: { settings: SnapshotSettings }) => {
    const check = (): void => {
      try {
        const doc = publishDue(app.db, app.clock(), opts.settings);
        if (doc)
          app.log.info({ through: doc.snapshot.through }, 'public statistics snapshot published');
      } catch (err) {
        app.log.error(
          { err },
          'the due statistics snapshot could not be published; retrying in an hour',
        );
      }
    };
    app.addHook('onReady', async () => check());
    const timer = setInterval(check, CHECK_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
);
