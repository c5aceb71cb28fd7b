// A server stopped right after it starts still exits: its worker threads (the due snapshot, the
// staff statistics) may still be loading their modules then, and terminating such a worker could
// wait forever (Node 20 with tsx). Without the bounded waits this hung about one time in four.
import { expect, it } from 'vitest';
import { removeDir, startServer } from '../helpers/server.ts';

it('exits on SIGTERM right after start, every time', async () => {
  for (let i = 0; i < 5; i++) {
    const server = await startServer({ SEED_DEMO: 'false' });
    try {
      await server.stop();
      expect(server.logs(), server.logs()).toContain('shutting down');
      expect(server.logs(), server.logs()).not.toContain('could not be published');
    } finally {
      removeDir(server.dataDir);
    }
  }
}, 120_000);
