// Abuse resistance that identifies no one: per-client rate limits keyed by a keyed hash of the
// address (the key is random, in memory, and replaced every UTC day), and load shedding with
// 503 + Retry-After when the event loop or the database falls behind.
import { performance } from 'node:perf_hooks';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  onSendAsyncHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { HMAC_KEY_BYTES, hmacSha256Base64 } from '../../src/crypto/secret-hash.ts';
import { randomSecret, type Sodium } from '../../src/crypto/sodium.ts';
import { utcDay } from '../../src/shared/months.ts';
import { clientSubject } from '../guards/client-subject.ts';
import { QueueShedder } from '../guards/queue-shedder.ts';
import { ReadBudget } from '../guards/read-budget.ts';
import { ApiError } from '../http/errors.ts';

export type ProtectionOptions = {
  /** 0 turns load shedding by event-loop delay off. */
  maxEventLoopDelayMs: number;
  /** Shed load when a report commit takes longer than this on average (0 = off). */
  maxCommitMs: number;
  now: () => Date;
  /** Refuse an API request that has waited longer than this, in ms, while busy (0 = off). */
  maxQueueMs: number;
  /** Units of the weighted read budget per client per minute (api/guards/read-budget.ts). */
  readUnitsPerMinute: number;
};

const RETRY_AFTER_S = 5;

class Overloaded extends ApiError {
  constructor() {
    super(
      503,
      'overloaded',
      'The service is busy. Nothing was stored; try again in a few seconds.',
    );
  }
}

/**
 * A day-scoped pseudonym for a client address (an IPv6 client by its /64: clientSubject):
 * never stored, never logged, useless tomorrow.
 * Given the connection the address came from, the pseudonym is remembered for that connection
 * (until it closes or the day changes), so a keep-alive client costs one HMAC, not one per
 * request. Nothing new is kept: the connection object already holds its own address.
 */
export function makeClientKey(
  sodium: Sodium,
  now: () => Date,
): (address: string, connection?: object) => string {
  let day = '';
  let secret = randomSecret(sodium, HMAC_KEY_BYTES);
  let byConnection = new WeakMap<object, { address: string; key: string }>();
  return (address, connection) => {
    const today = utcDay(now());
    if (today !== day) {
      day = today;
      secret = randomSecret(sodium, HMAC_KEY_BYTES);
      byConnection = new WeakMap();
    }
    const known = connection && byConnection.get(connection);
    if (known && known.address === address) return known.key;
    const key = hmacSha256Base64(sodium, secret, clientSubject(address));
    if (connection) byConnection.set(connection, { address, key });
    return key;
  };
}

// How fast the commit average forgets a slow spike once commits stop arriving.
const DECAY_MS = 250;

/**
 * Tracks how long report commits take (from the handler to the commit), as an exponentially
 * weighted moving average that also decays while no commit finishes: when every submission is
 * being shed, the average falls within a second or so and lets submissions in again, instead
 * of locking itself in.
 */
export class CommitMeter {
  private average = 0;
  private last = 0;
  constructor(private readonly clock: () => number = () => performance.now()) {}
  record(ms: number): void {
    const current = this.averageMs;
    this.average = current === 0 ? ms : current * 0.8 + ms * 0.2;
    this.last = this.clock();
  }
  get averageMs(): number {
    return this.average * Math.exp(-(this.clock() - this.last) / DECAY_MS);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    commitMeter: CommitMeter;
    /** onRequest hook for submissions: 503 + Retry-After while commits are slower than allowed. */
    admitSubmission: onRequestAsyncHookHandler;
    /** Hooks for public reads that can be large: a per-client budget weighted by bytes sent. */
    readBudget: { admit: onRequestAsyncHookHandler; charge: onSendAsyncHookHandler };
  }
}

export const protectionPlugin = fp(async (app: FastifyInstance, opts: ProtectionOptions) => {
  const clientKey = makeClientKey(app.sodium, opts.now);
  const meter = new CommitMeter();
  app.decorate('commitMeter', meter);

  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => clientKey(request.ip, request.raw.socket),
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        429,
        'rate_limited',
        `Too many requests from this connection. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });

  // Time spent queued (api/guards/queue-shedder.ts). "Busy" is the event loop's utilisation over the
  // last half second, sampled on a timer that does not keep the process alive.
  let utilisation = performance.eventLoopUtilization();
  let busy = 0;
  const sampler = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = performance.eventLoopUtilization(now, utilisation).utilization;
    utilisation = now;
  }, 500);
  sampler.unref();
  app.addHook('onClose', async () => clearInterval(sampler));
  const shedder = new QueueShedder(opts.maxQueueMs, () => busy > 0.9);
  if (shedder.enabled) {
    app.server.on('connection', (socket) => shedder.ready(socket));
    app.addHook('onRequest', async (request, reply) => {
      const page = !request.url.startsWith('/api/') && ['GET', 'HEAD'].includes(request.method);
      if (page || !shedder.shouldShed(request.raw.socket)) return;
      // Counted from now for the next request on this connection.
      shedder.ready(request.raw.socket);
      reply.header('Retry-After', String(RETRY_AFTER_S));
      throw new Overloaded();
    });
    app.addHook('onResponse', async (request) => shedder.ready(request.raw.socket));
  }

  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    // Pages and their files are precompressed and cheap to send, and with the form in hand a
    // person can write while the load passes (a report refused with 503 waits on the phone and
    // is sent later). So only the API is refused; a page is never answered with an error body.
    pressureHandler: (request: FastifyRequest, reply: FastifyReply) => {
      const page = !request.url.startsWith('/api/') && ['GET', 'HEAD'].includes(request.method);
      if (page) return undefined;
      reply.header('Retry-After', String(RETRY_AFTER_S));
      return Promise.reject(new Overloaded());
    },
  });

  // The database falling behind is judged per submission, before its body is read, rather than
  // by a health check that would refuse everything for a whole second at a time: under 10x
  // the load that latched check refused 87 % of submissions while the rest went through at a
  // third of the rate the server can sustain (docs/benchmarks.md).
  const budget = new ReadBudget(opts.readUnitsPerMinute);
  const readerOf = (request: FastifyRequest): string => clientKey(request.ip, request.raw.socket);
  app.decorate('readBudget', {
    admit: async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = budget.waitFor(readerOf(request), opts.now().getTime());
      if (wait > 0) {
        reply.header('Retry-After', String(wait));
        throw new ApiError(
          429,
          'rate_limited',
          `Too much read from this connection. Try again in ${wait} seconds.`,
        );
      }
    },
    charge: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.statusCode < 400) {
        const bytes =
          typeof payload === 'string'
            ? Buffer.byteLength(payload)
            : Buffer.isBuffer(payload)
              ? payload.length
              : Number(reply.getHeader('content-length') ?? 0);
        budget.charge(readerOf(request), bytes, opts.now().getTime());
      }
      return payload;
    },
  });

  app.decorate('admitSubmission', async (_request: FastifyRequest, reply: FastifyReply) => {
    if (opts.maxCommitMs > 0 && meter.averageMs > opts.maxCommitMs) {
      reply.header('Retry-After', String(RETRY_AFTER_S));
      throw new Overloaded();
    }
  });
});
