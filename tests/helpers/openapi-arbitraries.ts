// Requests drawn from an OpenAPI operation's own schemas (tests/api/fuzz-all-routes.test.ts):
// mostly valid, with one part replaced by something odd, so that they get past validation into
// the handlers. What random generation would almost never hit (known ids, real sealed boxes,
// whole valid bodies) comes from the caller as `Known`.
import fc from 'fast-check';
import { oddText } from './odd-input.ts';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
};
/** An OpenAPI parameter, and an operation as the fuzz suite reads it from the document. */
export type Parameter = { in: string; name: string; required?: boolean; schema: JsonSchema };
export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  auth: 'none' | 'session' | 'releaseToken';
};

/** What the app under test knows that a schema alone cannot say. */
export type Known = {
  /** Values for a string field or parameter, by its name (organisations, tokens, boxes). */
  hints: Record<string, fc.Arbitrary<unknown>>;
  /** Ids that exist, so that some requests reach a real row rather than "not found". */
  knownIds: string[];
  /** Whole valid bodies, by "METHOD /path", where the schema alone cannot describe one. */
  examples: Record<string, fc.Arbitrary<unknown>>;
  /** Whole valid query strings, by "METHOD /path", where single parameters rarely make one. */
  queryExamples: Record<string, fc.Arbitrary<string>>;
};

// Odd values to put in place of one part of an otherwise valid request.
const odd: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  fc.constantFrom(
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    null,
    [],
    {},
    { __proto__: { admin: true } },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Replaces the n-th part (counting the whole value as part 0) of a JSON value. */
function replacePart(value: unknown, n: number, replacement: unknown): unknown {
  let seen = 0;
  const walk = (v: unknown): unknown => {
    if (seen++ === n) return replacement;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value);
}

/** Valid but for one odd part, or for an extra key, or anything at all. */
function nearlyValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(valid, fc.nat({ max: 30 }), odd)
        .map(([v, n, replacement]) => replacePart(v, n, replacement)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.string({ maxLength: 12 }), odd)
        .map(([v, k, x]) => (v && typeof v === 'object' ? { ...v, [k]: x } : v)),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

// Percent-encodes raw bytes: encodeURIComponent refuses lone surrogates.
const encode = (x: string): string =>
  [...Buffer.from(x)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/**
 * Half the runs send a request valid per the schema (ids, when not drawn from the schema, are
 * ones that exist), so the handlers see many well-formed requests; the other half send odd
 * parameters and nearly valid bodies.
 */
export function requestArbitraries(
  known: Known,
): (op: Operation) => fc.Arbitrary<{ url: string; payload?: string }> {
  const { hints, knownIds, examples, queryExamples } = known;

  function fromSchema(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) return fc.oneof(...choices.map((s) => fromSchema(s, name)));
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'object': {
        const props = schema.properties ?? {};
        const shape = Object.fromEntries(
          Object.entries(props).map(([key, s]) => [key, fromSchema(s, key)]),
        );
        return fc.record(shape, { requiredKeys: (schema.required ?? []) as never[] });
      }
      case 'array':
        return fc.array(fromSchema(schema.items ?? {}, name), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        });
      case 'string': {
        const hint = hints[name];
        if (hint) return fc.oneof({ weight: 3, arbitrary: hint }, fromSchema({ ...schema }, ''));
        if (schema.format === 'uuid') {
          return fc.oneof(fc.constantFrom(...knownIds), fc.uuid({ version: 4 }));
        }
        const max = Math.min(schema.maxLength ?? 64, 64);
        if (schema.pattern) {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= max);
        }
        return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(max, 1) });
      }
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
      case 'number':
        return fc.double({
          min: schema.minimum ?? -1000,
          max: schema.maximum ?? 1000,
          noNaN: true,
        });
      case 'boolean':
        return fc.boolean();
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  function requestFor(op: Operation): fc.Arbitrary<{ url: string; payload?: string }> {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const example = examples[`${op.method} ${op.path}`];
    // A path id is often one that exists, so requests reach a real row.
    const validParam = (p: Parameter): fc.Arbitrary<string> =>
      p.in === 'path'
        ? fc.oneof(fromSchema(p.schema, p.name).map(asText), fc.constantFrom(...knownIds))
        : fromSchema(p.schema, p.name).map(asText);
    const oddParam = (p: Parameter): fc.Arbitrary<string> =>
      fc.oneof({ weight: 3, arbitrary: validParam(p) }, odd.map(asText));
    const validBody = op.body
      ? example
        ? fc.oneof(example, fromSchema(op.body))
        : fromSchema(op.body)
      : fc.constant(undefined);
    const shaped = (
      param: (p: Parameter) => fc.Arbitrary<string>,
      body: fc.Arbitrary<unknown>,
    ): fc.Arbitrary<{ url: string; payload?: string }> =>
      fc
        .record({
          path: fc.tuple(...pathParams.map(param)),
          query: fc.tuple(
            ...queryParams.map((p) => (p.required ? param(p) : fc.option(param(p), { freq: 2 }))),
          ),
          body: body.map((b) => (b === undefined ? undefined : JSON.stringify(b))),
        })
        .map(({ path, query, body }) => {
          let url = op.path;
          pathParams.forEach((p, i) => {
            url = url.replace(`{${p.name}}`, encode((path[i] ?? '').slice(0, 300)));
          });
          const pairs = queryParams.flatMap((p, i) => {
            const v = query[i];
            return v === null || v === undefined ? [] : [`${p.name}=${encode(v.slice(0, 2000))}`];
          });
          return { url: pairs.length ? `${url}?${pairs.join('&')}` : url, payload: body };
        });
    const queryExample = queryExamples[`${op.method} ${op.path}`];
    const valid = shaped(validParam, validBody);
    return fc.oneof(
      queryExample
        ? fc.oneof(
            valid,
            queryExample.map((q) => ({ url: `${op.path}?${q}` })),
          )
        : valid,
      shaped(oddParam, op.body ? nearlyValid(validBody) : fc.constant(undefined)),
    );
  }

  return requestFor;
}
