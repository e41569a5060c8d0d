import type { OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;
const cell = (text: string) => text.replace(/\|/g, '\\|');

function schemaSummary(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return `\`${schema.$ref.split('/').pop()}\``;
  const parts = [String(schema.type ?? 'any')];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.join(', ')}`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
  if (schema.format) parts.push(String(schema.format));
  if (schema.default !== undefined) parts.push(`default ${schema.default}`);
  return parts.join(', ');
}

/** docs/api.md: the OpenAPI document rendered for people, so the two never disagree. */
export function renderApiMarkdown(doc: OpenApiDocument): string {
  const lines = [
    '# The Portside API',
    '',
    '<!-- Generated from libs/contracts by `npx tsx libs/contracts/scripts/write-api-docs.ts`; do not edit. -->',
    '',
    `${doc.info.description}`,
    '',
    'The machine-readable contract is `GET /api/openapi.json` (OpenAPI 3.1), generated from the',
    'same zod schemas the services validate with. Every error answer is',
    '`application/problem+json` (RFC 9457), with `errors[]` naming the field for invalid input.',
    '',
    '| method | path | does | auth |',
    '| --- | --- | --- | --- |',
  ];
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Json & { parameters: Json[]; responses: Json; security?: Json[] };
      const auth = op.security ? Object.keys(op.security[0] ?? {}).join(', ') : 'none';
      lines.push(
        `| ${method.toUpperCase()} | \`${path}\` | ${cell(String(op.summary))} | ${auth} |`,
      );
      sections.push('', `## ${method.toUpperCase()} ${path}`, '', String(op.summary), '');
      if (op.parameters.length > 0) {
        sections.push('| parameter | in | required | schema |', '| --- | --- | --- | --- |');
        for (const p of op.parameters) {
          sections.push(
            `| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${cell(schemaSummary(p.schema as Json))} |`,
          );
        }
        sections.push('');
      }
      const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
      const bodySchema = (body?.['application/json'] as Json | undefined)?.schema as Json;
      if (bodySchema) sections.push(`Request body: ${schemaSummary(bodySchema)}`, '');
      sections.push('| status | meaning |', '| --- | --- |');
      for (const [status, answer] of Object.entries(op.responses)) {
        sections.push(`| ${status} | ${cell(String((answer as Json).description))} |`);
      }
    }
  }
  lines.push(...sections, '', '## Schemas', '');
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    lines.push(`### ${name}`, '', '```json', JSON.stringify(schema, null, 2), '```', '');
  }
  return lines.join('\n');
}
