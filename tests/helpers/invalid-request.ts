// The shape of a refused query: 400, code invalid_request, and an issue at `path` (or inside it).
import { expect, it } from 'vitest';

type ErrorBody = {
  error: { code: string; message: unknown; issues: Array<{ path: string }> };
};

/** Asserts the refusal and returns its body for any further check. */
export function expectInvalidAt(
  res: { statusCode: number; json: () => unknown },
  path: string,
): ErrorBody {
  expect(res.statusCode).toBe(400);
  const body = res.json() as ErrorBody;
  expect(body.error.code).toBe('invalid_request');
  const paths = body.error.issues.map((i) => i.path);
  expect(
    paths.some((p) => p === path || p.startsWith(`${path}.`)),
    paths.join(),
  ).toBe(true);
  return body;
}

type Answer = { statusCode: number; json: () => unknown };

/**
 * One test per [what, query, path]: `ask(query)` is refused 400 with an issue at `path`; `more`,
 * if given, checks the refusal's body further.
 */
export function itRefusesEach(
  cases: Array<[what: string, query: string, path: string]>,
  ask: (query: string) => Promise<Answer>,
  more?: (body: ErrorBody) => void,
): void {
  it.each(cases)('%s (?%s) → 400 naming %s', async (_what, query, path) => {
    const body = expectInvalidAt(await ask(query), path);
    more?.(body);
  });
}
