import fc from 'fast-check';

/** Values with a history of breaking APIs: types, bounds, encodings, paths, injection. */
const HOSTILE_TEXT = [
  '',
  ' ',
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9007199254740993',
  '../../internal/reservations',
  '..%2F..%2Finternal',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '{}',
  '[]',
  'Ärger über Öfen',
  'ﬁ ß İ ı',
  '🛒'.repeat(40),
  '\u202e\u200b\ufeff',
  'a'.repeat(5_000),
];

/** A cursor this API never issued, in the shape it does issue: every sort, wrong key types. */
export const tamperedCursor = fc
  .record({
    o: fc.constantFrom('relevance', 'price', '-price', 'name', 'newest', 'nope'),
    k: fc.oneof(
      fc.string(),
      fc.double(),
      fc.constant(1e300),
      fc.constant('2026-02-30T00:00:00.000Z'),
      fc.constant('\u0000'),
    ),
    i: fc.oneof(fc.uuid(), fc.string()),
  })
  .map((payload) => Buffer.from(JSON.stringify(payload)).toString('base64url'));

export const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.integer().map(String),
  fc.double().map(String),
  tamperedCursor,
);

/** Any JSON value: a wrong type wherever it lands. */
export const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, true, null, [], {}),
  hostileText,
);

/** Boundary and random values for a JSON-schema parameter of the document. */
export function valueFor(schema: Record<string, unknown>, samples: string[]): fc.Arbitrary<string> {
  const pool: fc.Arbitrary<string>[] = [hostileText];
  if (samples.length > 0) pool.push(fc.constantFrom(...samples));
  if (Array.isArray(schema.enum)) pool.push(fc.constantFrom(...(schema.enum as string[])));
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
    pool.push(fc.constantFrom(min - 1, min, max, max + 1, 2 ** 63).map(String));
    pool.push(fc.integer({ min, max: Math.min(max, 2 ** 31) }).map(String));
  }
  if (schema.type === 'string' && typeof schema.maxLength === 'number') {
    pool.push(fc.constantFrom('x'.repeat(schema.maxLength), 'x'.repeat(schema.maxLength + 1)));
  }
  return fc.oneof(...pool);
}

/** Mutations of a valid body: drop, retype or add fields, or replace it whole. */
export function bodyFrom(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const mutated = fc
    .record({
      key: fc.constantFrom(...keys, 'unexpectedField'),
      value: anyJson,
      drop: fc.boolean(),
    })
    .map(({ key, value, drop }) => {
      const copy: Record<string, unknown> = { ...valid };
      if (drop) delete copy[key];
      else copy[key] = value;
      return copy;
    });
  return fc.oneof(
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: anyJson },
  );
}
