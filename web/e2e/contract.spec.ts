// The contract: the JSON the server answers on the audit, risk and trs paths the web calls is what
// docs/openapi.yaml (and so the generated src/api/schema.d.ts) says — types, required fields, enums, nulls, and no
// field the spec does not name. Read-only calls over the demo data, as a platform administrator (every unit) and
// as a 02CI officer (another unit's items come restricted).
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './helpers';
import { check, responseSchema } from './openapi-check';

type Json = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

async function signIn(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  return (await res.json()).csrf_token as string;
}

/** Calls `url` and checks its answer against the spec's schema of `path` (the template); returns the answer. */
async function conforms(request: APIRequestContext, path: string, url: string, init?: { post?: unknown; csrf?: string }): Promise<Json> {
  const res = init?.post !== undefined
    ? await request.post(url, { data: init.post, headers: { 'X-CSRF-Token': init.csrf ?? '' } })
    : await request.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
  const body = (await res.json()) as Json;
  expect(check(responseSchema(path, init?.post !== undefined ? 'post' : 'get', res.status()), body), url).toEqual([]);
  return body;
}

const A = '/api/v1/audit';
const T = '/api/v1/trs';

test('audit: every answer the web reads is the one in docs/openapi.yaml', async ({ request }) => {
  test.slow();
  await signIn(request, 'admin', ADMIN_PASSWORD);
  await conforms(request, `${A}/reference`, `${A}/reference`);
  const enterprises = await conforms(request, `${A}/enterprises`, `${A}/enterprises?page_size=30`);
  await conforms(request, `${A}/key-enterprises`, `${A}/key-enterprises`);
  const proposals = await conforms(request, `${A}/proposals`, `${A}/proposals?page_size=50`);
  const collections = await conforms(request, `${A}/collections`, `${A}/collections?page_size=50`);
  for (const kind of ['PROPOSAL', 'COLLECTION', 'RESULT']) await conforms(request, `${A}/queue`, `${A}/queue?kind=${kind}`);
  await conforms(request, `${A}/deadlines`, `${A}/deadlines`);
  const stq01 = await conforms(request, `${A}/stq01/columns`, `${A}/stq01/columns`);
  expect(stq01.items?.length).toBe(12);
  await conforms(request, `${A}/feedback`, `${A}/feedback`);
  for (const form of ['form19', 'form20']) await conforms(request, `${A}/reports/${form}`, `${A}/reports/${form}?from=2020-01-01&to=2026-12-31`);
  await conforms(request, `${A}/settings/escalation`, `${A}/settings/escalation`);
  await conforms(request, `${A}/escalations`, `${A}/escalations`);
  await conforms(request, `${A}/notices`, `${A}/notices`);
  const periods = await conforms(request, `${A}/report-periods`, `${A}/report-periods`);
  for (const p of ((periods.items ?? []) as Json[]).slice(0, 3))
    await conforms(request, `${A}/report-periods/{id}/units`, `${A}/report-periods/${p.id}/units`);
  for (const p of proposals.items ?? []) await conforms(request, `${A}/proposals/{id}`, `${A}/proposals/${p.id}`);
  for (const c of collections.items ?? []) await conforms(request, `${A}/collections/{id}`, `${A}/collections/${c.id}`);
  const taxCodes = (enterprises.items ?? []).map((e) => String(e.tax_code));
  for (const code of taxCodes) {
    await conforms(request, `${A}/enterprises/{tax_code}`, `${A}/enterprises/${code}`);
    await conforms(request, `${A}/search`, `${A}/search?tax_code=${code}`);
  }

  // Another unit's proposals and collections come restricted to a 02CI officer.
  await signIn(request, '02ci.canbo', DEMO_PASSWORD);
  let restricted = 0;
  for (const code of taxCodes) {
    await conforms(request, `${A}/enterprises/{tax_code}`, `${A}/enterprises/${code}`);
    const found = await conforms(request, `${A}/search`, `${A}/search?tax_code=${code}`);
    restricted += [...(found.proposals as Json[]), ...(found.collections as Json[])].filter((x) => x.restricted).length;
  }
  expect(restricted).toBeGreaterThan(0);
});

test('risk: every answer the web reads is the one in docs/openapi.yaml', async ({ request }) => {
  test.slow();
  const csrf = await signIn(request, 'ktstq.lanhdao', DEMO_PASSWORD);
  await conforms(request, `${A}/risk/indicators`, `${A}/risk/indicators`);
  const sets = await conforms(request, `${A}/risk/criteria-sets`, `${A}/risk/criteria-sets`);
  for (const s of sets.items ?? []) {
    const set = await conforms(request, `${A}/risk/criteria-sets/{id}`, `${A}/risk/criteria-sets/${s.id}`);
    await conforms(request, `${A}/risk/criteria-sets/{id}/feedback`, `${A}/risk/criteria-sets/${s.id}/feedback`);
    const { name, min_declarations, material_value, cutoffs, indicators } = set;
    const input = { name, min_declarations, material_value, cutoffs, indicators: (indicators as Json[]).map(({ code, weight, threshold }) => ({ code, weight, threshold })) };
    await conforms(request, `${A}/risk/criteria-sets/preview`, `${A}/risk/criteria-sets/preview`, { post: input, csrf });
  }
  const runs = await conforms(request, `${A}/risk/runs`, `${A}/risk/runs`);
  expect(runs.items?.length).toBeGreaterThan(0);
  for (const r of runs.items ?? []) {
    const run = await conforms(request, `${A}/risk/runs/{id}`, `${A}/risk/runs/${r.id}`);
    const candidates = await conforms(request, `${A}/risk/runs/{id}/candidates`, `${A}/risk/runs/${r.id}/candidates?page_size=200`);
    for (const c of (candidates.items ?? []).slice(0, 5))
      await conforms(request, `${A}/enterprises/{tax_code}/activity`, `${A}/enterprises/${c.tax_code}/activity?from=${run.from}&to=${run.to}`);
  }
});

test('trs: every answer the web reads is the one in docs/openapi.yaml', async ({ request }) => {
  test.slow();
  const csrf = await signIn(request, 'admin', ADMIN_PASSWORD);
  await conforms(request, `${T}/columns`, `${T}/columns`);
  await conforms(request, `${T}/references`, `${T}/references`);
  const studies = await conforms(request, `${T}/studies`, `${T}/studies`);
  expect(studies.items?.length).toBeGreaterThan(0);
  for (const s of studies.items ?? []) {
    await conforms(request, `${T}/studies/{id}`, `${T}/studies/${s.id}`);
    const records = await conforms(request, `${T}/studies/{id}/records`, `${T}/studies/${s.id}/records?page_size=20`);
    for (const r of (records.items ?? []).slice(0, 5))
      await conforms(request, `${T}/studies/{id}/records/{declaration_no}`, `${T}/studies/${s.id}/records/${r.declaration_no}`);
    const first = records.items?.[0];
    if (first) await conforms(request, `${T}/studies/{id}/records/check`, `${T}/studies/${s.id}/records/check`, { post: { cells: first.cells }, csrf });
    await conforms(request, `${T}/studies/{id}/followup`, `${T}/studies/${s.id}/followup`);
    await conforms(request, `${T}/studies/{id}/report`, `${T}/studies/${s.id}/report`);
    await conforms(request, `${T}/studies/{id}/agency-list`, `${T}/studies/${s.id}/agency-list`);
    await conforms(request, `${T}/compare`, `${T}/compare?a=${s.id}&b=${s.id}`);
    await conforms(request, `${T}/compare`, `${T}/compare?a=${s.id}&reference=VN2013`);
  }
});
