import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sealedSubmission } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

describe('POST /api/reports', () => {
  it('stores a sealed report and answers 201', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs);
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: body.id, status: 'received' });
  });
});
