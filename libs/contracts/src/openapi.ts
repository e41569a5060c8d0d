import { z } from 'zod';
import { API_OPERATIONS, type ApiOperation } from './api-operations';
import { Cart, CreatedCart, SetCartItem } from './cart';
import {
  CategoryNode,
  CategoryTree,
  CreateProduct,
  Product,
  ProductPage,
  SetStock,
  UpdateProduct,
} from './catalog';
import { Problem } from './common';
import { CheckoutRequest, Order, OrderHistory, PlacedOrder } from './order';

type JsonSchema = Record<string, unknown>;
const PROBLEM_JSON = 'application/problem+json';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Named schemas, as requests send them (input: defaults optional) and as answers carry them. */
const REQUEST_SCHEMAS = { CreateProduct, UpdateProduct, SetStock, SetCartItem, CheckoutRequest };
const RESPONSE_SCHEMAS = {
  Product,
  ProductPage,
  CategoryTree,
  CategoryNode,
  Cart,
  CreatedCart,
  PlacedOrder,
  Order,
  OrderHistory,
  Problem,
};

function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  }).schemas as Record<string, JsonSchema>;
  // Each comes out as a standalone document; inside OpenAPI they are plain schemas.
  return Object.fromEntries(
    Object.entries(generated).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

const nameOf = (schema: z.ZodType): string | undefined =>
  Object.entries({ ...REQUEST_SCHEMAS, ...RESPONSE_SCHEMAS }).find(([, s]) => s === schema)?.[0];

function inline(schema: z.ZodType): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(op: ApiOperation) {
  const list: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(op.pathParams ?? {})) {
    list.push({ name, in: 'path', required: true, schema: inline(schema) });
  }
  if (op.query) {
    const query = inline(op.query) as { properties?: Record<string, JsonSchema>; required?: [] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const required = (query.required ?? []).includes(name as never) && !('default' in schema);
      list.push({ name, in: 'query', required, schema });
    }
  }
  for (const [name, { schema, required }] of Object.entries(op.headers ?? {})) {
    list.push({ name, in: 'header', required, schema: inline(schema) });
  }
  return list;
}

function responses(op: ApiOperation) {
  const out: Record<string, JsonSchema> = {};
  for (const [status, { description, body, mediaType }] of Object.entries(op.responses)) {
    const error = Number(status) >= 400;
    const content = error
      ? { [PROBLEM_JSON]: { schema: ref('Problem') } }
      : body
        ? { 'application/json': { schema: ref(nameOf(body) ?? 'Problem') } }
        : mediaType
          ? { [mediaType]: {} }
          : undefined;
    out[status] = content ? { description, content } : { description };
  }
  // Any other failure (429, 503 while a dependency is away...) is a problem too.
  out.default = {
    description: 'An error, as RFC 9457 problem details',
    content: { [PROBLEM_JSON]: { schema: ref('Problem') } },
  };
  return out;
}

function operation(op: ApiOperation) {
  const body = op.body && nameOf(op.body);
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.auth === 'admin' ? { security: [{ adminToken: [] }] } : {}),
    ...(op.auth === 'order' ? { security: [{ orderAccessToken: [] }] } : {}),
    parameters: parameters(op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: body ? ref(body) : inline(op.body) } },
          },
        }
      : {}),
    responses: responses(op),
  };
}

/** The OpenAPI 3.1 document of the public API, generated from the zod contracts. */
export function openApiDocument(version = '0.1.0') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operation(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portside API',
      version,
      description:
        'The public API of Portside, served through the edge under /api. Money is integer cents; every error is application/problem+json.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [
      { name: 'catalog', description: 'Products, categories, search' },
      { name: 'cart', description: 'Carts, keyed by an unguessable id' },
      { name: 'order', description: 'Checkout and orders' },
      { name: 'meta', description: 'This document' },
    ],
    paths,
    components: {
      schemas: {
        ...components(REQUEST_SCHEMAS, 'input'),
        ...components(RESPONSE_SCHEMAS, 'output'),
      },
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'The catalog admin token' },
        orderAccessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The accessToken returned when the order was placed',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
