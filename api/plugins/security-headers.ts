// Security headers on every response: helmet's, plus a strict Permissions-Policy and
// Cache-Control: no-store unless a route (static bundles) chose its own caching.
//
// None of these headers depends on the request, so helmet runs once, at start, and the headers
// it sets are kept. Each request then copies them in one call. @fastify/helmet 13 rebuilt helmet
// on every request, and running helmet's middleware per request still cost about 30 µs of the
// request thread under submission load (docs/benchmarks.md). The headers are the same, and tests
// check them on every reporter-facing response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'browsing-topics=()',
].join(', ');

/** The headers a helmet middleware sets, captured by running it once against a recorder. */
export function capturedHeaders(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err;
    finished = true;
  });
  // A directive computed per request would make helmet asynchronous or request-dependent.
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return headers;
}

/** helmet's middleware with this service's options. */
export function helmetWithOurOptions(hsts: boolean): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // libsodium runs as WebAssembly; nothing else needs more than 'self'.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    // HSTS only means something behind TLS, so it is sent only when configured as such.
    strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/** Every header this service sends on every response, helmet's included. */
export function buildSecurityHeaders(opts: { hsts: boolean }): Readonly<Record<string, string>> {
  return Object.freeze({
    ...capturedHeaders(helmetWithOurOptions(opts.hsts)),
    'permissions-policy': PERMISSIONS_POLICY,
    // The default; a route that may be cached (hashed static bundles) sets its own.
    'cache-control': 'no-store',
  });
}

/**
 * Puts the headers on every reply that goes through Fastify's hooks. The few answers Fastify
 * gives before any hook runs (a malformed URL) add them themselves (api/app.ts).
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, opts: { headers: Readonly<Record<string, string>> }) => {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(opts.headers);
      done();
    });
  },
);
