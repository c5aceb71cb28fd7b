// Load shedding by time spent queued. At 500 connections the event-loop and commit checks shed
// nothing while requests waited 6.6 s at p99 (71 over 10 s): the loop was never late by much,
// it was simply handling one request after another, and each waited for all the others. A phone
// on a weak signal gives up long before that, so a request that has waited longer than the
// budget is refused at once, 503 with Retry-After, before any work (the form keeps a report and
// sends it again).
//
// Node does not say when a request's bytes arrived. What it does say is when its connection
// became free for it: accepted, or its previous answer sent. A client under load sends its next
// request at once, so that is when it started to wait; a client that paused (a person reading)
// would look as if it had waited, so the wait counts only while the event loop has been busy
// nearly all the time, which is when requests queue.
import type { Socket } from 'node:net';

const READY = Symbol('voz-segura.ready-since');
type Tracked = Socket & { [READY]?: number };

export class QueueShedder {
  constructor(
    /** Longest wait allowed, in ms; 0 turns shedding off. */
    private readonly budgetMs: number,
    /** True while the event loop has been busy nearly all the time lately. */
    private readonly saturated: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.budgetMs > 0;
  }

  /** The connection is free for a request: just accepted, or an answer was just sent on it. */
  ready(socket: Socket): void {
    (socket as Tracked)[READY] = this.now();
  }

  /** Whether a request that has just been read from this connection should be refused. */
  shouldShed(socket: Socket): boolean {
    if (!this.enabled) return false;
    const since = (socket as Tracked)[READY];
    if (since === undefined) return false;
    return this.now() - since > this.budgetMs && this.saturated();
  }
}
