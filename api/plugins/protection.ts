// Abuse resistance that identifies no one: per-client rate limits keyed by a keyed hash of the
// address (the key is random, in memory, and replaced every UTC day), and load shedding with
// 503 + Retry-After when the event loop or the database falls behind.
import { createHmac, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { utcDay } from '../../src/months.ts';
import { ApiError } from '../errors.ts';

export type ProtectionOptions = {
  /** 0 turns load shedding by event-loop delay off. */
  maxEventLoopDelayMs: number;
  /** Shed load when a report commit takes longer than this on average (0 = off). */
  maxCommitMs: number;
  now: () => Date;
};

class Overloaded extends ApiError {
  constructor() {
    super(
      503,
      'overloaded',
      'The service is busy. Nothing was stored; try again in a few seconds.',
    );
  }
}

/** A day-scoped pseudonym for a client address: never stored, never logged, useless tomorrow. */
export function makeClientKey(now: () => Date): (address: string) => string {
  let day = '';
  let secret = randomBytes(32);
  return (address) => {
    const today = utcDay(now());
    if (today !== day) {
      day = today;
      secret = randomBytes(32);
    }
    return createHmac('sha256', secret).update(address).digest('base64');
  };
}

/** Tracks how long report commits take, as an exponentially weighted moving average. */
export class CommitMeter {
  private average = 0;
  private last = 0;
  record(ms: number): void {
    this.average = this.average === 0 ? ms : this.average * 0.8 + ms * 0.2;
    this.last = Date.now();
  }
  /** Forgets a slow spike once commits have stopped, so shedding cannot lock itself in. */
  get averageMs(): number {
    if (Date.now() - this.last > 2000) this.average = 0;
    return this.average;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    commitMeter: CommitMeter;
  }
}

export const protectionPlugin = fp(async (app: FastifyInstance, opts: ProtectionOptions) => {
  const clientKey = makeClientKey(opts.now);
  const meter = new CommitMeter();
  app.decorate('commitMeter', meter);

  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => clientKey(request.ip),
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        429,
        'rate_limited',
        `Too many requests from this connection. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });

  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    retryAfter: 5,
    customError: Overloaded,
    ...(opts.maxCommitMs > 0
      ? {
          healthCheck: async () => meter.averageMs <= opts.maxCommitMs,
          healthCheckInterval: 1000,
        }
      : {}),
  });
});
