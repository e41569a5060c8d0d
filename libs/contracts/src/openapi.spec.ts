import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { API_OPERATIONS } from './api-operations';
import { openApiDocument } from './openapi';

const document = openApiDocument();

/** Every `$ref` anywhere in the document. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      key === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
    );
  }
  return [];
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with one operation per entry of the contract table', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(API_OPERATIONS.length);
  });

  it('resolves every reference to a schema it defines', () => {
    const missing = refsIn(document)
      .map((ref) => ref.replace('#/components/schemas/', ''))
      .filter((name) => !(name in document.components.schemas));
    expect(missing).toEqual([]);
  });

  it('carries the limits the services enforce, from the same zod schemas', () => {
    const search = document.paths['/api/products']?.get as {
      parameters: Array<{ name: string; schema: { maximum?: number } }>;
    };
    expect(search.parameters.find((p) => p.name === 'limit')?.schema.maximum).toBe(100);
    const setItem = document.components.schemas.SetCartItem as {
      properties: { quantity: { maximum: number } };
    };
    expect(setItem.properties.quantity.maximum).toBe(99);
  });

  it('documents every error answer as problem+json', () => {
    for (const methods of Object.values(document.paths)) {
      for (const op of Object.values(methods) as Array<{ responses: Record<string, unknown> }>) {
        for (const [status, answer] of Object.entries(op.responses)) {
          if (status === 'default' || Number(status) >= 400) {
            expect(answer).toMatchObject({ content: { 'application/problem+json': {} } });
          }
        }
      }
    }
  });

  it('is what docs/api.md shows (regenerate: npx tsx libs/contracts/scripts/write-api-docs.ts)', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const check = () =>
      execFileSync(tsx, ['libs/contracts/scripts/write-api-docs.ts', '--check'], {
        cwd: root,
        stdio: 'pipe',
      });
    expect(check).not.toThrow();
  });
});
