// Checks of a reply written by hand, for what must stay light: the form's first screen, the
// dashboard and the release page carry no zod (it would double them), and every page reads the
// service's error envelope. Each check mirrors a schema in src/contract and is held to it by
// tests/web/reply-agreement.test.ts: the same answers pass, the same fail.

export type Guard<T> = (v: unknown) => v is T;
type Guarded<G> = G extends Guard<infer T> ? T : never;
type Shape = Record<string, Guard<unknown>>;
type Of<S extends Shape> = { [K in keyof S]: Guarded<S[K]> };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
// As zod's number() and int(): finite, and for int() a safe integer.
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);
export const isCount = (v: unknown): v is number => isInteger(v) && v >= 0;

export const literal =
  <const T extends string | boolean>(value: T): Guard<T> =>
  (v): v is T =>
    v === value;

export function oneOf<T extends string>(values: readonly T[]): Guard<T> {
  const known: ReadonlySet<unknown> = new Set(values);
  return (v): v is T => known.has(v);
}

export const either =
  <T extends Guard<unknown>[]>(...guards: T): Guard<Guarded<T[number]>> =>
  (v): v is Guarded<T[number]> =>
    guards.some((g) => g(v));

export const nullable =
  <T>(g: Guard<T>): Guard<T | null> =>
  (v): v is T | null =>
    v === null || g(v);

/** A key that may be missing (or undefined), as zod's optional(). */
export const optional =
  <T>(g: Guard<T>): Guard<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || g(v);

export const arrayOf =
  <T>(g: Guard<T>): Guard<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.every(g);

export const pairOf =
  <T>(g: Guard<T>): Guard<[T, T]> =>
  (v): v is [T, T] =>
    Array.isArray(v) && v.length === 2 && g(v[0]) && g(v[1]);

export const recordOf =
  <T>(g: Guard<T>): Guard<Record<string, T>> =>
  (v): v is Record<string, T> =>
    isRecord(v) && Object.values(v).every(g);

/** An object with these keys; others are let through, as zod's object() does. */
export const object =
  <S extends Shape>(shape: S): Guard<Of<S>> =>
  (v): v is Of<S> =>
    isRecord(v) && Object.entries(shape).every(([key, g]) => g(v[key]));

const OWN = Object.prototype.hasOwnProperty;

/** An object with these keys, and every other key's value passing `rest` (zod's catchall()). */
export const objectWith =
  <S extends Shape, R>(
    shape: S,
    rest: Guard<R>,
  ): Guard<Of<S> & Record<string, R | Of<S>[keyof S]>> =>
  (v): v is Of<S> & Record<string, R | Of<S>[keyof S]> =>
    object(shape)(v) &&
    Object.entries(v).every(([key, value]) => OWN.call(shape, key) || rest(value));
