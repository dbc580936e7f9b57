/**
 * Writes core/partner/swagger-operations.generated.ts from the Partner API's OpenAPI file, or with
 * `--check` (what `npm run build` runs) fails when the file is not what the OpenAPI file gives.
 *
 *   npm run catalogue            # regenerate
 *   npm run catalogue -- --check # exit 1 when stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSwaggerOperations } from './render.ts';

const SWAGGER = fileURLToPath(new URL('../mock/partner/partner-api-swagger.yaml', import.meta.url));
export const GENERATED = fileURLToPath(new URL('../../core/partner/swagger-operations.generated.ts', import.meta.url));

async function main(argv: string[]): Promise<number> {
  const text = await renderSwaggerOperations(readFileSync(SWAGGER, 'utf8'), GENERATED);
  let current = '';
  try {
    current = readFileSync(GENERATED, 'utf8');
  } catch {
    // Not there yet.
  }
  if (argv.includes('--check')) {
    if (current === text) return 0;
    console.error(`${GENERATED} is not what partner-api-swagger.yaml gives: run npm run catalogue.`);
    return 1;
  }
  if (current !== text) writeFileSync(GENERATED, text);
  console.log(`catalogue: ${GENERATED} ${current === text ? 'is current' : 'written'}.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
