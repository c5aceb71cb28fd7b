// One real server for a whole test file: started before its tests, stopped after them with its
// data directory removed.
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, removeDir, startServer } from './server.ts';

/** Registers the file's beforeAll/afterAll; `ready` gets the server once it answers. */
export function serverForFile(
  env: Record<string, string>,
  ready: (server: RunningServer) => void | Promise<void>,
): void {
  let started: RunningServer | undefined;
  beforeAll(async () => {
    started = await startServer(env);
    await ready(started);
  });
  afterAll(async () => {
    await started?.stop();
    if (started) removeDir(started.dataDir);
  });
}
