import { readFileSync, writeFileSync } from 'node:fs';
import { apiDocsPath, formattedApiDocs } from './api-docs';

/**
 * Writes docs/api.md from the contracts. With --check it writes nothing and
 * exits 1 when the file is stale (libs/contracts/src/openapi.spec.ts runs that).
 */
async function main() {
  const wanted = await formattedApiDocs();
  if (process.argv.includes('--check')) {
    if (readFileSync(apiDocsPath, 'utf8') !== wanted) {
      process.stderr.write(
        `${apiDocsPath} is stale: run npx tsx libs/contracts/scripts/write-api-docs.ts\n`,
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(apiDocsPath, wanted);
  process.stdout.write(`wrote ${apiDocsPath}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
