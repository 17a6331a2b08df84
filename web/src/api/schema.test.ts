// The generated API types must be those of the current docs/openapi.yaml: regenerate and compare.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const web = fileURLToPath(new URL('../..', import.meta.url));

describe('src/api/schema.d.ts', () => {
  it('is what openapi-typescript makes of docs/openapi.yaml today (else run `npm run gen:api`)', () => {
    const fresh = execFileSync(process.execPath, ['scripts/gen-api.mjs', '--print'], { cwd: web, encoding: 'utf8' });
    const committed = readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8');
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(committed === fresh, 'src/api/schema.d.ts is stale: run `npm run gen:api` in web/').toBe(true);
  }, 60_000);
});
