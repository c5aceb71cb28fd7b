// The form's way to the sealing code: in a worker when the browser can run one (module workers),
// otherwise on the page itself, as before. Either way the same functions, with the same answers.
import type * as Seal from './seal.ts';

export type Sealer = Pick<
  typeof Seal,
  'prepare' | 'buildSubmission' | 'sealForLater' | 'takeProof' | 'proveWork'
>;

export type SealCall = { id: number } & {
  [K in keyof Sealer]: { fn: K; args: Parameters<Sealer[K]> };
}[keyof Sealer];
export type SealReply = { id: number; result: unknown } | { id: number; error: string };

// Set when the worker could not start (no module workers, or its script failed to load): from
// then on the page seals by itself.
let workerBroken = false;
let worker: Sealer | null = null;
// The worker itself, so the quick exit can stop it.
let running: Worker | null = null;

class WorkerFailed extends Error {}

const onPage = (): Promise<Sealer> => import('./seal.ts');

function workerSealer(url: string): Sealer {
  const w = new Worker(url, { type: 'module', name: 'sellado' });
  running = w;
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  w.addEventListener('error', (e) => {
    e.preventDefault();
    workerBroken = true;
    worker = null;
    w.terminate();
    for (const p of pending.values()) p.reject(new WorkerFailed('the sealing worker failed'));
    pending.clear();
  });
  w.addEventListener('message', (e: MessageEvent<SealReply>) => {
    const reply = e.data;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
  });
  /**
   * One call in the worker. If the worker could not run at all, the same call on the page:
   * every call may be repeated safely.
   */
  const call = async <T>(
    message: Omit<SealCall, 'id'>,
    fallback: (s: Sealer) => Promise<T>,
  ): Promise<T> => {
    try {
      return await new Promise<T>((resolve, reject) => {
        if (workerBroken) throw new WorkerFailed('the sealing worker failed');
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        w.postMessage({ ...message, id });
      });
    } catch (err) {
      if (err instanceof WorkerFailed) return fallback(await onPage());
      throw err;
    }
  };
  return {
    prepare: () => call({ fn: 'prepare', args: [] }, (s) => s.prepare()),
    buildSubmission: (...args) =>
      call({ fn: 'buildSubmission', args }, (s) => s.buildSubmission(...args)),
    sealForLater: (...args) => call({ fn: 'sealForLater', args }, (s) => s.sealForLater(...args)),
    takeProof: () => call({ fn: 'takeProof', args: [] }, (s) => s.takeProof()),
    proveWork: () => call({ fn: 'proveWork', args: [] }, (s) => s.proveWork()),
  };
}

/**
 * Stops the sealing worker at once (the quick exit): nothing of the report goes on being worked
 * on, and the page's service worker has one client fewer to wait for before it can be removed.
 */
export function stopSealer(): void {
  running?.terminate();
  running = null;
  worker = null;
}

/** The sealer; `workerUrl` is the built worker script, named by the page. */
export async function loadSealer(workerUrl: string | undefined): Promise<Sealer> {
  if (workerUrl && !workerBroken && typeof Worker === 'function') {
    try {
      worker ??= workerSealer(workerUrl);
      return worker;
    } catch {
      workerBroken = true;
    }
  }
  return onPage();
}
