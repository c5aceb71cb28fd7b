// Starts a worker thread on a TypeScript module (workerData.entry, a file URL). Node 20 gives a
// worker neither the parent's tsx loader nor an `--import` in time for its entry point, so this
// plain module loads tsx's API and imports the real entry through it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
