// Generates src/api/schema.d.ts from docs/openapi.yaml (the contract) with openapi-typescript.
// `node scripts/gen-api.mjs` writes the file; `node scripts/gen-api.mjs --print` writes it to stdout
// (src/api/schema.test.ts compares that with the committed file, so a stale file fails `npm test`).
import { register } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

register('./ts5-hook.mjs', import.meta.url);
const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');

const spec = new URL('../../docs/openapi.yaml', import.meta.url);
const out = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

export async function generate() {
  const ast = await openapiTS(await readFile(spec, 'utf8'), { silent: true });
  return COMMENT_HEADER + astToString(ast);
}

const text = await generate();
if (process.argv.includes('--print')) process.stdout.write(text);
else await writeFile(out, text);
