export * from './common';
export * from './catalog';
export * from './cart';
export * from './order';
export { API_OPERATIONS, type ApiOperation, type Auth } from './api-operations';
export { openApiDocument, type OpenApiDocument } from './openapi';
export { renderApiMarkdown } from './openapi-markdown';
