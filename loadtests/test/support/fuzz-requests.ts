import fc from 'fast-check';
import { bodyFrom, hostileText, valueFor } from './fuzz-values';
import { validBodies, type FuzzWorld } from './fuzz-world';

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: Schema;
}
export interface DocumentOperation {
  operationId: string;
  parameters?: Parameter[];
  security?: Array<Record<string, unknown>>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Percent-encodes every byte but the unreserved ones: any text, even a lone surrogate, fits a URL. */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');

/** Already-encoded bytes no encoder produces from text: NUL, invalid UTF-8, overlong dots. */
const RAW_ENCODED = fc.constantFrom('%00', '%FF%FE', '%C0%AE%C0%AE', '%25', '%2F..%2F');

function samplesFor(name: string, world: FuzzWorld): string[] {
  switch (name) {
    case 'idOrSlug':
      return [...world.productIds, ...world.productSlugs, world.productIds[0]!.toUpperCase()];
    case 'id':
      return [world.orderId, ...world.productIds];
    case 'productId':
      return [...world.productIds, world.productIds[0]!.toUpperCase()];
    case 'cartId':
      return [world.cartId];
    case 'slug':
      return world.productSlugs;
    case 'category':
      return ['lighting', 'home'];
    case 'ids':
      return [world.productIds.join(','), `${world.productIds[0]},,x`];
    default:
      return [];
  }
}

function encodedValue(param: Parameter, world: FuzzWorld): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: valueFor(param.schema, samplesFor(param.name, world)).map(encode) },
    { weight: 1, arbitrary: RAW_ENCODED },
  );
}

function authHeader(op: DocumentOperation, world: FuzzWorld): fc.Arbitrary<string | undefined> {
  const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
  const valid = schemes.includes('adminToken') ? world.adminToken : world.orderToken;
  const hostile = hostileText.map((t) => `Bearer ${Buffer.from(t).toString('base64url')}`);
  const choices: fc.Arbitrary<string | undefined>[] = [fc.constant(undefined), hostile];
  if (schemes.length > 0 && valid) choices.push(fc.constant(`Bearer ${valid}`));
  return fc.oneof(...choices);
}

function bodyArbitrary(op: DocumentOperation, world: FuzzWorld): fc.Arbitrary<string | undefined> {
  const ref = op.requestBody?.content['application/json']?.schema.$ref;
  const valid = ref ? validBodies(world)[ref.split('/').pop() ?? ''] : undefined;
  const json = valid ? bodyFrom(valid) : fc.constant({});
  return fc.oneof(
    { weight: 8, arbitrary: json.map((b) => JSON.stringify(b) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('{"unterminated": ', 'not json', '\u0000', '[1,2,') },
    // Far past every service's body limit.
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ padding: 'x'.repeat(2_000_000) })) },
  );
}

/** Requests for one operation of the document: its path, query, headers and body, fuzzed. */
export function requestsFor(
  baseUrl: string,
  path: string,
  method: string,
  op: DocumentOperation,
  world: FuzzWorld,
): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => encodedValue(p, world))),
      query: fc.tuple(
        ...queryParams.map((p) => fc.option(encodedValue(p, world), { nil: undefined })),
      ),
      headerValues: fc.tuple(
        ...headerParams.map(() =>
          fc.option(
            hostileText.map((t) => Buffer.from(t).toString('base64url')),
            { nil: undefined },
          ),
        ),
      ),
      authorization: authHeader(op, world),
      body: op.requestBody ? bodyArbitrary(op, world) : fc.constant(undefined),
    })
    .map(({ path: values, query, headerValues, authorization, body }) => {
      let filled = path;
      pathParams.forEach((p, i) => (filled = filled.replace(`{${p.name}}`, values[i]!)));
      const search = queryParams
        .map((p, i) => (query[i] === undefined ? undefined : `${p.name}=${query[i]}`))
        .filter(Boolean)
        .join('&');
      const headers: Record<string, string> = {};
      headerParams.forEach((p, i) => {
        if (headerValues[i] !== undefined) headers[p.name] = headerValues[i]!;
      });
      if (authorization) headers.authorization = authorization;
      if (body !== undefined) headers['content-type'] = 'application/json';
      return {
        method: method.toUpperCase(),
        url: `${baseUrl}${filled}${search ? `?${search}` : ''}`,
        headers,
        body,
      };
    });
}
