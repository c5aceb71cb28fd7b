// POST /api/reports sent straight to a test app, and what it answered and stored: the steps that
// the tests of reports and of abuse resistance share.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

type ReportRoute = {
  /** POST /api/reports with `payload` (an object, or a body already written as text). */
  post: (payload: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  /** The `columns` of the stored report row `id`. */
  storedReport: (id: string, columns: string) => Record<string, string> | undefined;
};

/** The route as a file's tests use it, on whichever app `current` gives at the time. */
export function reportRoute(current: () => TestApp): ReportRoute {
  return {
    post: (payload, headers = {}) =>
      current().app.inject({
        method: 'POST',
        url: '/api/reports',
        payload: payload as object,
        headers,
      }),
    storedReport: (id, columns) =>
      current().handle.sqlite.prepare(`select ${columns} from reports where id = ?`).get(id) as
        | Record<string, string>
        | undefined,
  };
}

/** Answered 201 with the report's id: stored, or a retry of a stored report. */
export function expectReceived(res: { statusCode: number; json: () => unknown }, id: string): void {
  expect(res.statusCode).toBe(201);
  expect(res.json()).toEqual({ id, status: 'received' });
}
