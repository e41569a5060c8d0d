import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { openApiDocument, renderApiMarkdown } from '../src';

export const apiDocsPath = path.resolve(__dirname, '..', '..', '..', 'docs', 'api.md');

/** docs/api.md as it should read: rendered from the document, formatted as the repo formats Markdown. */
export async function formattedApiDocs(): Promise<string> {
  const options = (await resolveConfig(apiDocsPath)) ?? {};
  return format(renderApiMarkdown(openApiDocument()), { ...options, filepath: apiDocsPath });
}
